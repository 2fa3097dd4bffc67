"""Every e-mail of the shop leaves through the task worker, never from inside a request.

``QueuedEmailBackend`` is the shop's ``EMAIL_BACKEND``: "sending" a message only queues a
``deliver_email`` task holding the message as JSON. With the database task backend that task
is a row written in the sender's own transaction, so a message about a change that was rolled
back is never sent, and one about a committed change is sent even if the mail server is down
at that moment (the worker tries again with backoff). The worker hands the message to
``EMAIL_DELIVERY_BACKEND`` (SMTP in production, the console in development).
"""

import base64
from email import message_from_bytes
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .retries import retrying_task


def message_to_json(message) -> dict:
    """The parts of an EmailMessage that make it up, in a form a queued task can hold."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": base64.b64encode(attachment.as_bytes()).decode()})
            continue
        filename, content, mimetype = attachment
        raw = content if isinstance(content, bytes) else str(content).encode()
        attachments.append(
            {"filename": filename, "content": base64.b64encode(raw).decode(), "mimetype": mimetype}
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(message_from_bytes(base64.b64decode(attachment["mime"])))
        else:
            content = base64.b64decode(attachment["content"])
            mimetype = attachment["mimetype"] or "application/octet-stream"
            if mimetype.startswith("text/"):
                content = content.decode()
            message.attach(attachment["filename"], content, mimetype)
    return message


@retrying_task(attempts=6, backoff_seconds=60)
def deliver_email(message: dict) -> str:
    """Hand one queued message to the real mail backend; raises what the mail server raised."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.send_messages([message_from_json(message)])
    return ", ".join(message["to"] + message["cc"] + message["bcc"])


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message for the worker instead of talking to a mail server in the request."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message_to_json(message))
            queued += 1
        return queued

"""Background work of the producer portal: checking and cleaning uploaded photos."""

from jobs.retries import retrying_task


@retrying_task(attempts=3, backoff_seconds=30)
def process_photo_upload(upload_id: int) -> str:
    """Turn one uploaded file into a product photo with its renditions, or refuse it."""
    from . import services

    return services.photo_process(upload_id=upload_id).status

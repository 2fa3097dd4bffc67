"""Storage for files that are served only through a view that checks who may see them.

Diary attachments (drafts until a co-op publishes them) and certificate documents live here,
outside ``MEDIA_ROOT``, so no web server or guessed URL reaches them; ``traceability.file_views``
serves them with the permission check and safe headers. ``STORAGES["private"]`` may name any
backend: on disk it is ``PRIVATE_MEDIA_ROOT``; with ``AWS_PRIVATE_BUCKET_NAME`` a private bucket
(``PrivateObjectStorage``), which every web machine and the worker share.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property
from storages.backends.s3 import S3Storage


class PrivateFileStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT`` with no public URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("private files have no public URL: serve them through a view")


class PrivateObjectStorage(S3Storage):
    """Objects in a private bucket: stored with the ``private`` ACL, never given an address."""

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("private files have no public URL: serve them through a view")


def private_storage():
    """The private storage (a callable, so models and migrations do not pin a backend)."""
    return storages["private"]

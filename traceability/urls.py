"""Traceability URLs: the Digital Link resolver (no language prefix) and the producers' diary."""

from django.urls import path, re_path

from . import diary_views, file_views, views

app_name = "traceability"

# Mounted at the site root, outside i18n_patterns: a QR code is printed once, in no language.
resolver_patterns = [
    re_path(r"^01/(?P<rest>.*)$", views.digital_link, name="digital_link"),
    path(".well-known/gs1resolver", views.resolver_description, name="gs1resolver"),
    path("voc/", views.vocabulary_term, name="vocabulary"),
    re_path(r"^voc/(?P<rest>(?:location|party)/.+)$", views.vocabulary_location, name="vocabulary_location"),
    path("voc/<str:name>", views.vocabulary_term, name="vocabulary_term"),
    # A compressed Digital Link is one segment of base64url at the root (no trailing slash).
    re_path(r"^(?P<compressed>[A-Za-z0-9_-]{10,})$", views.compressed_digital_link, name="compressed_digital_link"),
]

# Mounted at /trace/files/, outside i18n_patterns: a file has no language.
file_patterns = [
    path("<int:file_id>/", file_views.event_file, name="event_file"),
    path("<int:file_id>/<int:width>.<str:fmt>", file_views.event_file_rendition, name="event_file_rendition"),
    path("certificates/<int:certificate_id>.pdf", file_views.certificate_document, name="certificate_document"),
]

# Mounted at /trace/diary/ inside i18n_patterns (Vietnamese first, /en/ for English).
urlpatterns = [
    path("", diary_views.lot_list, name="lot_list"),
    path("<int:lot_id>/", diary_views.lot_diary, name="lot_diary"),
    path("<int:lot_id>/publish/", diary_views.publish, name="publish"),
    path("<int:lot_id>/details/", diary_views.lot_details, name="lot_details"),
    path("<int:lot_id>/labels/", diary_views.label_sheet, name="label_sheet"),
    re_path(r"^(?P<lot_id>\d+)/national-record\.(?P<file_format>json|csv)$", diary_views.national_record,
            name="national_record"),
    path("<int:lot_id>/events/<int:event_id>/correct/", diary_views.correct_event, name="correct_event"),
    path("<int:lot_id>/events/<int:event_id>/english/", diary_views.translate_event, name="translate_event"),
    path("<int:lot_id>/events/<int:event_id>/delete/", diary_views.delete_draft, name="delete_draft"),
]

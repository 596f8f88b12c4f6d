"""The assistance desk at /desk/: requests, drives, reports, the audit log, and the
one public page, booking a drive's slot."""

from django.urls import path

from .views import audit, booking, deliveries, drives, impact, requests

app_name = "desk"
urlpatterns = [
    path("", requests.request_list, name="index"),
    path("new/", requests.intake, name="intake"),
    path("export.xlsx", requests.export, name="export"),
    path("r/<str:reference>/", requests.request_detail, name="request"),
    path("r/<str:reference>/assign/", requests.assign, name="assign"),
    path("r/<str:reference>/status/", requests.change_status, name="status"),
    path("r/<str:reference>/notes/", requests.note, name="note"),
    path("r/<str:reference>/documents/", requests.upload, name="upload"),
    path("r/<str:reference>/documents/<int:pk>/", requests.download, name="document"),
    path("r/<str:reference>/grant/", requests.grant, name="grant"),
    path(
        "r/<str:reference>/deliveries/new/",
        deliveries.new_delivery,
        name="delivery_new",
    ),
    path(
        "r/<str:reference>/deliveries/<int:pk>/",
        deliveries.delivery,
        name="delivery",
    ),
    path("audit/", audit.audit_log, name="audit"),
    path("audit/export.xlsx", audit.export, name="audit_export"),
    path("impact/", impact.report, name="impact"),
    path("impact.xlsx", impact.export, name="impact_export"),
    path("drives/", drives.drive_list, name="drives"),
    path("drives/new/", drives.new_drive, name="drive_new"),
    path("drives/<int:pk>/", drives.drive_detail, name="drive"),
    path("drives/<int:pk>/slots/", drives.add_slots, name="drive_slots"),
    path(
        "drives/<int:pk>/bookings/<int:booking>/",
        drives.mark_booking,
        name="drive_booking",
    ),
    path("book/<str:token>/", booking.book, name="book"),
    path("book/<str:token>/manage/", booking.manage, name="booking_manage"),
]

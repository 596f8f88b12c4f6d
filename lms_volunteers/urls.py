"""Joining the union and one's own volunteering, beside the union's pages."""

from django.urls import path

from .views import hours, joining, letters, shifts

app_name = "volunteers"
urlpatterns = [
    path("apply/", joining.apply_to_union, name="apply"),
    path("me/", joining.my_volunteering, name="me"),
    path("me/shifts/", shifts.my_shifts, name="my_shifts"),
    path("me/shifts.ics", shifts.my_shifts_ics, name="my_shifts_ics"),
    path("me/hours/", hours.my_hours, name="my_hours"),
    path("me/letters/", letters.issue_letter, name="issue_letter"),
    path("letters/<str:code>/letter.pdf", letters.download, name="letter_pdf"),
    path("shifts/<int:pk>/", shifts.shift_detail, name="shift"),
    path("shifts/<int:pk>/sign-up/", shifts.sign_up, name="sign_up"),
    path("shifts/<int:pk>/cancel/", shifts.cancel, name="cancel_sign_up"),
    path("shifts/<int:pk>/shift.ics", shifts.shift_ics, name="shift_ics"),
    path("shifts/<int:pk>/attendance/", hours.attendance, name="attendance"),
]

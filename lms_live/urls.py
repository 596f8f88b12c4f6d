from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<int:session_id>/", views.classroom_page, name="classroom"),
    path("<int:session_id>/calendar.ics", views.calendar_file, name="calendar"),
    path("<int:session_id>/code/", views.current_code, name="code"),
    path("<int:session_id>/check-in/", views.room_check_in, name="check_in"),
]

from django.urls import path

from .consumers import ClassroomConsumer

websocket_urlpatterns = [
    path("ws/live/<int:session_id>/", ClassroomConsumer.as_asgi()),
]

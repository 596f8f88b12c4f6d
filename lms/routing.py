"""WebSocket routes of the site: each app with consumers adds its patterns here."""

websocket_urlpatterns: list = []

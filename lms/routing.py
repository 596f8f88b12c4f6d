"""WebSocket routes of the site: each app with consumers adds its patterns here."""

from live.routing import websocket_urlpatterns as live_patterns

websocket_urlpatterns: list = [*live_patterns]

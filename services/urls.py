"""URLs of the services app: each list contributes its own patterns."""
from .urls_lists import urlpatterns as lists_urlpatterns

app_name = "services"
urlpatterns = [*lists_urlpatterns]

"""API of the services app: each list contributes its viewsets to ``routes``."""
from .api_lists import routes as lists_routes

routes = [*lists_routes]

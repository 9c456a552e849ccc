"""Template context every page needs: the user's roles for the top bar."""


def portal(request) -> dict:
    scope = getattr(request, "scope", None)
    if scope is None or not request.user.is_authenticated:
        return {"role_labels": [], "role_is_official": False}
    return {"role_labels": scope.role_labels, "role_is_official": scope.is_official}

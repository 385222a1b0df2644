from .access import scope_for


def roles(request):
    """Expose the user's :class:`~pamong.people.access.Scope` as ``pamong_scope`` (lazily)."""
    return {"pamong_scope": lambda: scope_for(getattr(request, "user", None))}

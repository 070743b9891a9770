"""Which objects a staff member sees in the admin."""


class PublisherScopedMixin:
    """Staff see and change only the material of the publishers they belong to."""

    publisher_path = "publisher"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.publisher_path}__in": request.user.organisations.values("pk")}
        )

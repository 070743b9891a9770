"""The one way to render a custom page of a model's admin."""

from django.template.response import TemplateResponse


def admin_page(model_admin, request, template, title, **context):
    """A page with the admin's header, sidebar and breadcrumbs for ``model_admin``'s model."""
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": title,
            **context,
        },
    )

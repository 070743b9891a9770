"""The editor's image upload (CKEditor 5), remembering who uploaded each file."""

import json

from django.conf import settings
from django_ckeditor_5.views import upload_file

from .models import EditorUpload


def upload_image(request):
    """django-ckeditor-5 checks the user and the image and stores it; the uploader is kept
    so that an image no section shows yet stays within the uploader's publishers."""
    response = upload_file(request)
    if response.status_code == 200:
        url = json.loads(response.content)["url"]
        EditorUpload.objects.create(
            path=url.removeprefix(settings.MEDIA_URL), uploaded_by=request.user
        )
    return response

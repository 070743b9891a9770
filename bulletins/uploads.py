"""The editor's image upload (CKEditor 5), remembering who uploaded each file."""

import json

from django.conf import settings
from django.http import JsonResponse
from django_ckeditor_5.views import upload_file

from .models import EditorUpload
from .policy import REFUSED, policy


def upload_image(request):
    """django-ckeditor-5 checks the image and stores it, once the staff policy lets the user
    upload; the uploader is kept so that an image no section shows yet stays within the
    uploader's publishers."""
    if not policy.may_upload(request.user):
        return JsonResponse({"error": {"message": str(REFUSED)}}, status=403)
    response = upload_file(request)
    if response.status_code == 200:
        url = json.loads(response.content)["url"]
        EditorUpload.objects.create(
            path=url.removeprefix(settings.MEDIA_URL), uploaded_by=request.user
        )
    return response

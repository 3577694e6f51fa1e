"""Uploading an image from the editor, and serving images to those who may see them.

Images are always served through this view, never straight from storage: whether a
visitor may see one depends on the posts that show it (``images.can_see_image``).
"""

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from forum.accounts.http import MemberRequest
from forum.accounts.models import User
from forum.images import services as image_services
from forum.images.models import Image
from forum.images.permissions import ImagesNotAllowed, image_refusal
from forum.images.processing import ImageRefused

from .. import images


def _refusal(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
@login_required
def upload(request: MemberRequest) -> HttpResponse:
    """The editor's upload: one file in ``image``; answers JSON with the Markdown to insert
    (the alt text is the poster's to write) or ``{"error": ...}`` with the reason."""
    assert isinstance(request.user, User)
    refusal = image_refusal(request.user)
    if refusal:
        return _refusal(refusal, status=403)
    upload = request.FILES.get("image")
    if not isinstance(upload, UploadedFile):
        return _refusal("Choose an image file to upload.")
    try:
        image = image_services.upload_image(uploader=request.user, upload=upload)
    except ImagesNotAllowed as refused:
        return _refusal(str(refused), status=403)
    except ImageRefused as refused:
        return _refusal(str(refused))
    url = images.image_url(image)
    return JsonResponse(
        {"url": url, "width": image.width, "height": image.height, "markdown": f"![]({url})"},
        status=201,
    )


def _serve(request: HttpRequest, key: str, ext: str, *, thumbnail: bool) -> FileResponse:
    image = get_object_or_404(Image, key=key)
    if ext != image.extension or not images.can_see_image(request.user, image):
        raise Http404("No such image.")
    field = image.thumbnail if thumbnail else image.display
    try:
        stored = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404("No such image.") from missing
    response = FileResponse(stored, content_type=image.content_type)
    response["Content-Disposition"] = f'inline; filename="image.{image.extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the image is a document that can run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # Never kept by a shared cache: hiding the post must take the image down at once.
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def serve(request: HttpRequest, key: str, ext: str) -> FileResponse:
    return _serve(request, key, ext, thumbnail=False)


@require_GET
def serve_thumbnail(request: HttpRequest, key: str, ext: str) -> FileResponse:
    return _serve(request, key, ext, thumbnail=True)

"""Admin views: upload and preview posts, import them as drafts, and the import log report."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail.admin.views.reports import ReportView

from blog.models import BlogIndexPage
from importer import conf, preview
from importer.forms import ConfirmForm, UploadForm
from importer.models import ImportRecord
from importer.parser import ImportFormatError, parse
from importer.parser.readers import read_bytes
from importer.services import clean_rich_text
from importer.uploads import BoundedMemoryUploadHandler, Upload, sign, unsign
from importer.writer import write_post

TEMPLATE = "importer/import.html"
TOO_BIG_TO_CONFIRM = (
    "These files are too large to import from the preview in one go; upload fewer at a time "
    "or use the import_posts command."
)


def parents_for(user) -> QuerySet:
    """Blog indexes the user may add pages under."""
    indexes = BlogIndexPage.objects.order_by("path")
    if user.is_superuser:
        return indexes
    allowed = [p.pk for p in indexes if p.permissions_for_user(user).can_add_subpage()]
    return indexes.filter(pk__in=allowed)


def can_import(user) -> bool:
    return user.is_active and (user.is_superuser or parents_for(user).exists())


@csrf_exempt
def import_view(request):
    """Upload -> preview -> import; the upload handlers are set before anything reads POST."""
    if not can_import(request.user):
        raise PermissionDenied
    request.upload_handlers = [BoundedMemoryUploadHandler(request)]
    return _import_view(request)


@csrf_protect
def _import_view(request):
    parents = parents_for(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, parents)
    form = UploadForm(request.POST or None, request.FILES or None, parents=parents)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATE, {"form": form})
    uploads, errors = _uploads(form.cleaned_data["files"])
    previews = []
    for upload in uploads:
        try:
            for doc in read_bytes(upload.data, upload.name, form.cleaned_data["format"]):
                post = parse(doc, cleaner=clean_rich_text)
                previews.append(preview.build(upload.name, doc, post))
        except ImportFormatError as err:
            errors.append({"source": upload.name, "message": str(err)})
    good = [u for u in uploads if not any(e["source"] == u.name for e in errors)]
    token = sign(good, request.user)
    confirm = None
    if len(token) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        # The token comes back in the confirm POST, whose fields Django caps at this size.
        errors.append({"source": "", "message": _(TOO_BIG_TO_CONFIRM)})
    elif previews:
        confirm = ConfirmForm(
            initial={
                "token": token,
                "format": form.cleaned_data["format"],
                "parent": form.cleaned_data["parent"],
            },
            parents=parents,
        )
    context = {"form": form, "previews": previews, "errors": errors, "confirm": confirm}
    return TemplateResponse(request, TEMPLATE, context)


def _uploads(files) -> tuple[list[Upload], list[dict]]:
    limit = conf.get("SKINCARE_IMPORTER_UPLOAD_MAX_BYTES")
    count = conf.get("SKINCARE_IMPORTER_UPLOAD_MAX_FILES")
    uploads, errors = [], []
    for n, upload in enumerate(files):
        if n >= count:
            errors.append({"source": upload.name, "message": _("Too many files in one upload.")})
        elif upload.size > limit:
            errors.append(
                {
                    "source": upload.name,
                    "message": _(
                        "%(name)s is %(size)s bytes; the limit for uploads is %(limit)s bytes. "
                        "Import larger exports with the import_posts command."
                    )
                    % {"name": upload.name, "size": f"{upload.size:,}", "limit": f"{limit:,}"},
                }
            )
        else:
            uploads.append(Upload(upload.name, upload.read()))
    return uploads, errors


def _confirm(request, parents):
    form = ConfirmForm(request.POST, parents=parents)
    if not form.is_valid():
        return TemplateResponse(request, TEMPLATE, {"form": UploadForm(parents=parents)})
    try:
        uploads = unsign(form.cleaned_data["token"], request.user)
    except signing.BadSignature:
        context = {
            "form": UploadForm(parents=parents),
            "errors": [{"source": "", "message": _("This preview has expired; upload again.")}],
        }
        return TemplateResponse(request, TEMPLATE, context)
    parent = form.cleaned_data["parent"]
    results, errors = [], []
    for upload in uploads:
        try:
            for doc in read_bytes(upload.data, upload.name, form.cleaned_data["format"]):
                post = parse(doc, cleaner=clean_rich_text)
                try:
                    result = write_post(post, parent, user=request.user)
                except Exception as err:  # one bad post must not stop the others
                    errors.append({"source": doc.source, "message": f"{type(err).__name__}: {err}"})
                else:
                    results.append(result)
        except ImportFormatError as err:
            errors.append({"source": upload.name, "message": str(err)})
    context = {
        "form": UploadForm(parents=parents),
        "results": results,
        "errors": errors,
        "imported": True,
    }
    return TemplateResponse(request, TEMPLATE, context)


class ImportReportView(ReportView):
    """Every imported source and the page it became; CSV and XLSX export."""

    page_title = gettext_lazy("Import log")
    header_icon = "download"
    results_template_name = "importer/report_results.html"
    index_url_name = "importer_report"
    index_results_url_name = "importer_report_results"
    paginate_by = 50
    list_export = ["source", "title", "kind", "page_id", "edit_path", "created_at", "updated_at"]
    export_headings = {
        "source": gettext_lazy("Source"),
        "title": gettext_lazy("Title"),
        "kind": gettext_lazy("Kind"),
        "page_id": gettext_lazy("Page ID"),
        "edit_path": gettext_lazy("Edit page"),
        "created_at": gettext_lazy("Imported at"),
        "updated_at": gettext_lazy("Last re-imported"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"import-log-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return ImportRecord.objects.select_related("page").order_by("-updated_at", "-pk")

"""Views of learning done outside Pamong: the ASN records it with proof; HR works the
verification queue, downloads proof and imports CSV. Access: ``pamong.people.access``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from pamong.people.access import role_required, scope_for

from . import outside_selectors as selectors
from .models import OutsideRecord
from .outside import COLUMNS, outside_import, outside_record_create, outside_record_decide
from .services import LearningError


class OutsideRecordForm(forms.Form):
    provider = forms.CharField(label=gettext_lazy("Penyelenggara"), max_length=200)
    title = forms.CharField(label=gettext_lazy("Nama pelatihan"), max_length=255)
    started_on = forms.DateField(
        label=gettext_lazy("Tanggal mulai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(
        label=gettext_lazy("Tanggal selesai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    jp = forms.IntegerField(label=gettext_lazy("JP"), min_value=1, max_value=200)
    proof = forms.FileField(
        label=gettext_lazy("Sertifikat"),
        help_text=gettext_lazy("PDF, JPG atau PNG, paling besar 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV"), widget=forms.ClearableFileInput(attrs={"accept": ".csv"})
    )


@require_http_methods(["GET", "POST"])
@role_required("asn")
def outside_list(request):
    asn_id = scope_for(request.user).asn_id
    form = OutsideRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            outside_record_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        except LearningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Tercatat. Pengelola kepegawaian instansi Anda akan memverifikasinya.")
            )
            return redirect("learning:outside_list")
    records = selectors.outside_records_of(asn_id=asn_id)
    return render(request, "learning/outside_list.html", {"form": form, "records": records})


@login_required
def outside_proof(request, pk: int):
    """The certificate of a record, to its owner and HR of their instansi: always an attachment."""
    record = selectors.outside_record_for(user=request.user, pk=pk)
    if not record.proof:
        raise Http404
    response = FileResponse(
        record.proof.open("rb"),
        as_attachment=True,
        filename=record.proof_name or "sertifikat",
        content_type=record.proof_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@role_required("hr")
def outside_queue(request):
    return render(
        request,
        "learning/outside_queue.html",
        {
            "pending": selectors.outside_queue(user=request.user)[:200],
            "decided": selectors.outside_queue(user=request.user, status=OutsideRecord.Status.VERIFIED)[:20],
            "rejected": selectors.outside_queue(user=request.user, status=OutsideRecord.Status.REJECTED)[:20],
        },
    )


@require_POST
@role_required("hr")
def outside_decide(request, pk: int):
    record = selectors.outside_record_for(user=request.user, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("verify", "reject"):
        messages.error(request, _("Pilih verifikasi atau tolak."))
        return redirect("learning:outside_queue")
    try:
        outside_record_decide(
            user=request.user,
            record=record,
            verify=decision == "verify",
            reason=request.POST.get("reason", ""),
        )
    except LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Keputusan atas “%(title)s” disimpan.") % {"title": record.title})
    return redirect("learning:outside_queue")


@require_http_methods(["GET", "POST"])
@role_required("hr")
def outside_import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            form.add_error("file", _("Berkas harus teks UTF-8 (simpan sebagai “CSV UTF-8”)."))
        else:
            result = outside_import(user=request.user, text=text)
            errors = result.errors
            if not errors:
                messages.success(
                    request, _("%(n)s catatan diimpor dan terverifikasi.") % {"n": len(result.rows)}
                )
                return redirect("learning:outside_queue")
    return render(
        request, "learning/outside_import.html", {"form": form, "errors": errors, "columns": COLUMNS}
    )

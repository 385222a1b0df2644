from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from pamong.pagination import BoundedPaginator

from .access import get_visible_asn_or_404, role_required, scope_for
from .filters import int_or_none
from .models import ASN
from .roles import ROLE_LABELS
from .selectors import asn_list_for, asn_subordinates, instansi_choices_for


@login_required
def account(request):
    """ "Akun saya": the signed-in user's own profile and roles."""
    scope = scope_for(request.user)
    asn = None
    subordinates = []
    if scope.asn_id:
        asn = ASN.objects.select_related("instansi", "unit", "jabatan", "atasan__jabatan").get(
            pk=scope.asn_id
        )
        subordinates = list(asn_subordinates(asn=asn))
    return render(
        request,
        "people/account.html",
        {
            "asn": asn,
            "subordinates": subordinates,
            "scope": scope,
            "role_labels": [ROLE_LABELS[role] for role in scope.roles],
            "page_title": _("Akun saya"),
        },
    )


@role_required("atasan", "hr")
def asn_list(request):
    """ASN the user may see: HR their instansi (or all), an atasan their reports."""
    scope = scope_for(request.user)
    query = request.GET.get("q", "").strip()
    instansi_id = int_or_none(request.GET.get("instansi"))
    qs = asn_list_for(user=request.user, query=query, instansi_id=instansi_id)
    page = BoundedPaginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "people/asn_list.html",
        {
            "page_obj": page,
            "query": query,
            "instansi_id": instansi_id,
            "instansi_choices": instansi_choices_for(user=request.user) if scope.is_hr else [],
            "page_title": _("Daftar pegawai"),
        },
    )


@login_required
def asn_detail(request, pk: int):
    asn = get_visible_asn_or_404(request.user, pk=pk)
    return render(
        request,
        "people/asn_detail.html",
        {"asn": asn, "subordinates": list(asn_subordinates(asn=asn)), "page_title": asn.name},
    )

"""Read-only endpoints. Every queryset that reaches a person goes through
:mod:`pamong.people.access` (``asn_scope_q`` / ``visible_asn``): a list holds only what the user may
see in the UI, and an object outside that scope is a 404, exactly like a missing one.

One module, longer than most: each resource of the read-only API is a short viewset whose scoping
follows the same pattern; kept together so that the pattern is seen once and reviewed once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from competencies.models import Activity, Competency, DevelopmentPlan, Goal, PositionStandard
from competencies.selectors import profile_for
from learning.models import Enrolment
from pamong.api.auth import token_expires_at
from pamong.clientip import client_ip
from pamong.people.access import asn_scope_q, scope_for, visible_asn
from pamong.people.models import Instansi, Jabatan, UnitKerja
from pamong.ratelimit import attempt_limit_exceeded
from performance.models import Evaluation, FollowUpProposal, FollowUpRule, Period
from performance.selectors import rater_group_summaries, result_public_dict

from . import serializers as s

MAX_ID = 2**31 - 1
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
YEAR_SCHEMA = {"type": "integer", "minimum": 1900, "maximum": 2200}


def _param(name: str, description: str, schema=None, enum=None) -> OpenApiParameter:
    return OpenApiParameter(
        name, type=schema or ID_SCHEMA, location=OpenApiParameter.QUERY, description=description, enum=enum
    )


P_INSTANSI = _param("instansi", "ID instansi")
P_UNIT = _param("unit", "ID unit kerja")
P_PERIOD = _param("period", "ID periode kinerja")
P_ASN = _param("asn", "ID ASN")
P_YEAR = _param("year", "Tahun", YEAR_SCHEMA)


def _choice(name: str, description: str, choices) -> OpenApiParameter:
    return _param(name, description, OpenApiTypes.STR, enum=[value for value, _label in choices])


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and retrieve, with query filters declared in ``filters`` as ``{param: (lookup, kind)}``.

    Kinds: ``id`` (a positive integer), ``year``, ``str`` (one of ``choices[param]``) and ``bool``.
    A bad value is a 400 naming the parameter; an id past the integer range is a 404 in the path.
    """

    lookup_value_regex = "[0-9]+"
    filters: dict[str, tuple[str, str]] = {}
    choices: dict[str, list[str]] = {}

    def scoped_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        qs = self.scoped_queryset()
        if self.action == "list":
            qs = self.filter_queryset_by_params(qs)
        return qs

    def filter_queryset_by_params(self, qs: QuerySet) -> QuerySet:
        params = self.request.query_params
        for name, (lookup, kind) in self.filters.items():
            raw = params.get(name, "").strip()
            if raw == "":
                continue
            qs = qs.filter(**{lookup: self._parse(name, raw, kind)})
        return qs

    def _parse(self, name: str, raw: str, kind: str):
        if kind == "bool":
            if raw.lower() in ("true", "1"):
                return True
            if raw.lower() in ("false", "0"):
                return False
            raise exceptions.ValidationError({name: [_("Gunakan true atau false.")]})
        if kind == "str":
            if raw not in self.choices.get(name, []):
                raise exceptions.ValidationError({name: [_("Nilai tidak dikenal.")]})
            return raw
        low, high = (1900, 2200) if kind == "year" else (1, MAX_ID)
        try:
            value = int(raw)
        except ValueError:
            raise exceptions.ValidationError({name: [_("Harus bilangan bulat.")]}) from None
        if not low <= value <= high:
            raise exceptions.ValidationError({name: [_("Di luar rentang yang diizinkan.")]})
        return value

    def get_object(self):
        raw = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if not str(raw).isdigit() or not 1 <= int(raw) <= MAX_ID:
            raise Http404
        return super().get_object()


def _scoped(qs: QuerySet, user, prefix: str) -> QuerySet:
    q = asn_scope_q(user, prefix=prefix)
    return qs if q is None else qs.filter(q)


# --- organisation --------------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(summary="Daftar instansi"), retrieve=extend_schema(summary="Instansi"))
class InstansiViewSet(ReadOnlyViewSet):
    """Reference data: every signed-in user may read it."""

    serializer_class = s.InstansiSerializer

    def scoped_queryset(self):
        return Instansi.objects.order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Daftar unit kerja", parameters=[P_INSTANSI]),
    retrieve=extend_schema(summary="Unit kerja"),
)
class UnitKerjaViewSet(ReadOnlyViewSet):
    serializer_class = s.UnitKerjaSerializer
    filters = {"instansi": ("instansi_id", "id")}

    def scoped_queryset(self):
        return UnitKerja.objects.order_by("instansi_id", "code", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Daftar jabatan dengan standar kompetensinya",
        parameters=[P_INSTANSI, P_UNIT, _choice("kind", "Jenis jabatan", Jabatan.Kind.choices)],
    ),
    retrieve=extend_schema(summary="Jabatan"),
)
class JabatanViewSet(ReadOnlyViewSet):
    serializer_class = s.JabatanSerializer
    filters = {"instansi": ("instansi_id", "id"), "unit": ("unit_id", "id"), "kind": ("kind", "str")}
    choices = {"kind": Jabatan.Kind.values}

    def scoped_queryset(self):
        return Jabatan.objects.order_by("instansi_id", "code", "pk").prefetch_related(
            Prefetch("competency_standards", queryset=PositionStandard.objects.select_related("competency"))
        )


# --- ASN -----------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Daftar ASN yang boleh dilihat",
        parameters=[
            P_INSTANSI,
            P_UNIT,
            _choice("jabatan_kind", "Jenis jabatan", Jabatan.Kind.choices),
            _param("is_active", "Hanya yang aktif (true) atau nonaktif (false)", OpenApiTypes.BOOL),
        ],
    ),
    retrieve=extend_schema(summary="ASN"),
)
class ASNViewSet(ReadOnlyViewSet):
    """ASN within the user's scope: HR their instansi, atasan two levels of reports, ASN themselves."""

    serializer_class = s.ASNSerializer
    filters = {
        "instansi": ("instansi_id", "id"),
        "unit": ("unit_id", "id"),
        "jabatan_kind": ("jabatan__kind", "str"),
        "is_active": ("is_active", "bool"),
    }
    choices = {"jabatan_kind": Jabatan.Kind.values}

    def scoped_queryset(self):
        return (
            visible_asn(self.request.user)
            .select_related("instansi", "unit", "jabatan")
            .order_by("name", "pk")
        )

    @extend_schema(summary="Level kompetensi saat ini dan kesenjangan terhadap standar jabatan",
                   responses=s.CompetencyProfileSerializer)  # fmt: skip
    @action(detail=True, methods=["get"], url_path="kompetensi", pagination_class=None)
    def kompetensi(self, request, pk=None):
        asn = self.get_object()
        profile = profile_for(asn=asn)
        data = {
            "asn": asn,
            "jpm": profile.jpm,
            "met_count": profile.met_count,
            "gap_total": profile.gap_total,
            "rows": profile.rows,
        }
        return Response(s.CompetencyProfileSerializer(data).data)


# --- competencies --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Kamus kompetensi",
        parameters=[P_INSTANSI, _choice("kind", "Jenis kompetensi", Competency.Kind.choices)],
    ),
    retrieve=extend_schema(summary="Kompetensi dengan level dan indikator"),
)
class CompetencyViewSet(ReadOnlyViewSet):
    serializer_class = s.CompetencySerializer
    filters = {"instansi": ("instansi_id", "id"), "kind": ("kind", "str")}
    choices = {"kind": Competency.Kind.values}

    def scoped_queryset(self):
        return Competency.objects.order_by("sort_order", "code", "pk").prefetch_related("levels")


@extend_schema_view(
    list=extend_schema(
        summary="Rencana pengembangan kompetensi (IDP)",
        parameters=[
            P_INSTANSI,
            P_UNIT,
            P_ASN,
            P_YEAR,
            _choice("status", "Status rencana", DevelopmentPlan.Status.choices),
        ],
    ),
    retrieve=extend_schema(summary="Rencana pengembangan kompetensi"),
)
class DevelopmentPlanViewSet(ReadOnlyViewSet):
    serializer_class = s.DevelopmentPlanSerializer
    filters = {
        "instansi": ("asn__instansi_id", "id"),
        "unit": ("asn__unit_id", "id"),
        "asn": ("asn_id", "id"),
        "year": ("year", "year"),
        "status": ("status", "str"),
    }
    choices = {"status": DevelopmentPlan.Status.values}

    def scoped_queryset(self):
        goals = Goal.objects.order_by("-mandatory", "pk").prefetch_related(
            Prefetch("activities", queryset=Activity.objects.order_by("pk"))
        )
        return (
            _scoped(DevelopmentPlan.objects.all(), self.request.user, "asn__")
            .select_related("asn")
            .prefetch_related(Prefetch("goals", queryset=goals))
            .order_by("-year", "asn__name", "pk")
        )


# --- learning ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Pendaftaran dan penyelesaian pelatihan",
        parameters=[
            P_INSTANSI,
            P_UNIT,
            P_ASN,
            _param("course", "ID halaman pelatihan"),
            _param("completed", "Selesai (true) atau belum (false)", OpenApiTypes.BOOL),
            _param("completed_year", "Tahun penyelesaian", YEAR_SCHEMA),
        ],
    ),
    retrieve=extend_schema(summary="Pendaftaran pelatihan"),
)
class EnrolmentViewSet(ReadOnlyViewSet):
    serializer_class = s.EnrolmentSerializer
    filters = {
        "instansi": ("asn__instansi_id", "id"),
        "unit": ("asn__unit_id", "id"),
        "asn": ("asn_id", "id"),
        "course": ("course_id", "id"),
        "completed": ("completed_at__isnull", "bool"),
        "completed_year": ("completed_at__year", "year"),
    }

    def _parse(self, name, raw, kind):
        value = super()._parse(name, raw, kind)
        return not value if name == "completed" else value

    def scoped_queryset(self):
        return (
            _scoped(Enrolment.objects.all(), self.request.user, "asn__")
            .select_related("asn", "course")
            .order_by("-enrolled_at", "pk")
        )


# --- performance ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Periode kinerja", parameters=[P_INSTANSI, P_YEAR]),
    retrieve=extend_schema(summary="Periode kinerja"),
)
class PeriodViewSet(ReadOnlyViewSet):
    serializer_class = s.PeriodSerializer
    filters = {"instansi": ("instansi_id", "id"), "year": ("year", "year")}

    def scoped_queryset(self):
        return Period.objects.order_by("-year", "name", "pk")


def _result_data(evaluation: Evaluation) -> dict:
    plan = evaluation.plan
    return {
        **result_public_dict(evaluation=evaluation),
        "id": evaluation.pk,
        "asn": plan.asn,
        "period": plan.period,
        "achievement_pct": evaluation.achievement_pct,
        "perilaku_score": evaluation.perilaku_score,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Hasil penilaian kinerja (tanpa identitas penilai)",
        parameters=[
            P_INSTANSI,
            P_UNIT,
            P_PERIOD,
            P_ASN,
            P_YEAR,
            _choice("status", "Status penilaian", Evaluation.Status.choices),
            _choice("predikat", "Predikat kinerja", Evaluation._meta.get_field("predikat").choices),
        ],
        responses=s.PerformanceResultSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Hasil penilaian kinerja dengan ringkasan kelompok penilai 360°",
        responses=s.PerformanceResultDetailSerializer,
    ),
)
class PerformanceResultViewSet(ReadOnlyViewSet):
    """Evaluations; per rater group only the count and, where the group is large enough, averages."""

    serializer_class = s.PerformanceResultSerializer
    filters = {
        "instansi": ("plan__asn__instansi_id", "id"),
        "unit": ("plan__asn__unit_id", "id"),
        "period": ("plan__period_id", "id"),
        "asn": ("plan__asn_id", "id"),
        "year": ("plan__period__year", "year"),
        "status": ("status", "str"),
        "predikat": ("predikat", "str"),
    }
    choices = {
        "status": Evaluation.Status.values,
        "predikat": [v for v, _l in Evaluation._meta.get_field("predikat").choices],
    }

    def scoped_queryset(self):
        return (
            _scoped(Evaluation.objects.all(), self.request.user, "plan__asn__")
            .select_related("plan__asn", "plan__period")
            .order_by("-plan__period__year", "plan__asn__name", "pk")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = s.PerformanceResultSerializer([_result_data(e) for e in page], many=True).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        evaluation = self.get_object()
        data = _result_data(evaluation)
        data["rater_groups"] = rater_group_summaries(plan=evaluation.plan)
        return Response(s.PerformanceResultDetailSerializer(data).data)


@extend_schema_view(
    list=extend_schema(
        summary="Penghargaan dan sanksi",
        parameters=[
            P_INSTANSI,
            P_UNIT,
            P_PERIOD,
            P_ASN,
            _choice("kind", "Penghargaan atau sanksi", FollowUpRule.Kind.choices),
            _choice("status", "Status usulan", FollowUpProposal.Status.choices),
        ],
    ),
    retrieve=extend_schema(summary="Penghargaan atau sanksi"),
)
class FollowUpViewSet(ReadOnlyViewSet):
    """Awards and sanctions. HR sees proposals in every status; everyone else only approved ones."""

    serializer_class = s.FollowUpSerializer
    filters = {
        "instansi": ("asn__instansi_id", "id"),
        "unit": ("asn__unit_id", "id"),
        "period": ("period_id", "id"),
        "asn": ("asn_id", "id"),
        "kind": ("rule__kind", "str"),
        "status": ("status", "str"),
    }
    choices = {"kind": FollowUpRule.Kind.values, "status": FollowUpProposal.Status.values}

    def scoped_queryset(self):
        user = self.request.user
        qs = FollowUpProposal.objects.all()
        hr = scope_for(user).hr_instansi_ids()
        if hr is not None:
            # Proposals not yet decided are HR's working list; others see decided awards and sanctions.
            mine = asn_scope_q(user, prefix="asn__")
            qs = qs.filter(Q(asn__instansi_id__in=hr) | (mine & Q(status=FollowUpProposal.Status.APPROVED)))
        return qs.select_related("asn", "period", "rule", "evaluation").order_by(
            "-period__year", "asn__name", "pk"
        )


# --- token ---------------------------------------------------------------------------------------


class TokenThrottle(SimpleRateThrottle):
    """Per client address, signed in or not (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]``).

    The address is :func:`pamong.clientip.client_ip`: behind the trusted proxies the real client,
    never a forged ``X-Forwarded-For`` (rotating it must not buy more tries).

    Counted like every other limit (:func:`pamong.ratelimit.attempt_limit_exceeded`: one atomic
    counter per window in the shared cache), not with DRF's history list, whose read-then-write
    lets requests arriving at once on several app processes overwrite each other's count."""

    scope = "token"

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        return not attempt_limit_exceeded(key=self.key, limit=self.num_requests, window=self.duration)

    def wait(self):
        return self.duration  # at most one window from the first request counted in it


class TokenView(ObtainAuthToken):
    """``POST username`` and ``password`` → ``{"token": …}``. Throttled, and counted by django-axes:
    ``AuthTokenSerializer`` calls ``authenticate(request=…)``, so failures lock the account out
    exactly like the login page (a locked-out pair gets 429, even with the right password)."""

    authentication_classes: list = []
    throttle_classes = [TokenThrottle]

    # The schema offers one request body (JSON; forms are still accepted): three content types
    # sharing one component made generated clients send all three at once.
    @extend_schema(
        summary="Token API",
        request={"application/json": AuthTokenSerializer},
        responses={200: AuthTokenSerializer},
    )
    def post(self, request, *args, **kwargs):
        try:
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
        except exceptions.ValidationError:
            if getattr(request, "axes_locked_out", False):
                raise exceptions.Throttled(detail=_("Terlalu banyak percobaan masuk yang gagal.")) from None
            raise
        user = serializer.validated_data["user"]
        # An expired token is replaced by a new one (with a new lifetime), never handed out again.
        Token.objects.filter(
            user=user, created__lte=timezone.now() - settings.PAMONG_API_TOKEN_LIFETIME
        ).delete()
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "expires": token_expires_at(token).isoformat()})


@require_POST
@login_required
def token_revoke(request):
    """ "Akun saya": revoke the signed-in user's API token (a new one can be requested at any time)."""
    deleted, _rows = Token.objects.filter(user=request.user).delete()
    if deleted:
        messages.success(request, _("Token API Anda telah dicabut."))
    else:
        messages.info(request, _("Anda tidak memiliki token API aktif."))
    return redirect("people:account")

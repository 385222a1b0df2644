"""Read-only representations. Nothing here names a rater: performance results go through
:func:`performance.selectors.result_public_dict` (the anonymised snapshot) and
:func:`performance.selectors.rater_group_summaries` (group counts and shown averages only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from competencies.models import Activity, Competency, CompetencyLevel, DevelopmentPlan, Goal, PositionStandard
from learning.models import Enrolment
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from performance.models import Evaluation, FollowUpProposal, Period

# --- organisation --------------------------------------------------------------------------------


class InstansiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instansi
        fields = ["id", "code", "name", "short_name", "kind"]


class UnitKerjaSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = ["id", "instansi", "parent", "code", "name", "serves_public"]


class PositionStandardSerializer(serializers.ModelSerializer):
    competency_code = serializers.CharField(source="competency.code")

    class Meta:
        model = PositionStandard
        fields = ["competency", "competency_code", "required_level"]


class JabatanSerializer(serializers.ModelSerializer):
    competency_standards = PositionStandardSerializer(many=True, read_only=True)

    class Meta:
        model = Jabatan
        fields = ["id", "instansi", "unit", "code", "name", "kind", "competency_standards"]


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class JabatanRefSerializer(RefSerializer):
    kind = serializers.CharField()


class ASNSerializer(serializers.ModelSerializer):
    instansi = RefSerializer()
    unit = RefSerializer()
    jabatan = JabatanRefSerializer()

    class Meta:
        model = ASN
        fields = [
            "id",
            "nip",
            "name",
            "employment_type",
            "golongan",
            "instansi",
            "unit",
            "jabatan",
            "atasan",
            "is_active",
        ]


class ASNRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nip = serializers.CharField()
    name = serializers.CharField()


# --- competencies --------------------------------------------------------------------------------


class CompetencyLevelSerializer(serializers.ModelSerializer):
    indicators = serializers.ListField(child=serializers.CharField(), source="indicator_list")

    class Meta:
        model = CompetencyLevel
        fields = ["level", "description", "indicators"]


class CompetencySerializer(serializers.ModelSerializer):
    levels = CompetencyLevelSerializer(many=True, read_only=True)

    class Meta:
        model = Competency
        fields = ["id", "code", "name", "kind", "definition", "instansi", "is_active", "levels"]


class ProfileRowSerializer(serializers.Serializer):
    competency = serializers.IntegerField(source="competency.id")
    code = serializers.CharField(source="competency.code")
    name = serializers.CharField(source="competency.name")
    kind = serializers.CharField(source="competency.kind")
    required_level = serializers.IntegerField(source="required", help_text="0: not in the position standard")
    current_level = serializers.IntegerField(source="current", help_text="0: never assessed")
    gap = serializers.IntegerField()
    met = serializers.BooleanField()
    source = serializers.CharField()
    assessed_on = serializers.DateField(allow_null=True)


class CompetencyProfileSerializer(serializers.Serializer):
    asn = ASNRefSerializer()
    jpm = serializers.FloatField(allow_null=True, help_text="Job-person match in percent")
    met_count = serializers.IntegerField()
    gap_total = serializers.IntegerField()
    rows = ProfileRowSerializer(many=True)


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "kind", "course", "title", "jp", "done_on"]


class GoalSerializer(serializers.ModelSerializer):
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "competency", "title", "target_level", "mandatory", "reason", "status", "activities"]


class DevelopmentPlanSerializer(serializers.ModelSerializer):
    asn = ASNRefSerializer()
    goals = GoalSerializer(many=True, read_only=True)

    class Meta:
        model = DevelopmentPlan
        fields = ["id", "asn", "year", "status", "submitted_at", "decided_at", "completed_at", "goals"]


# --- learning ------------------------------------------------------------------------------------


class EnrolmentSerializer(serializers.ModelSerializer):
    asn = ASNRefSerializer()
    course_title = serializers.CharField(source="course.title")
    course_jp = serializers.IntegerField(source="course.jp")
    is_complete = serializers.BooleanField()

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "asn",
            "course",
            "course_title",
            "course_jp",
            "source",
            "due_date",
            "enrolled_at",
            "progress",
            "is_complete",
            "completed_at",
            "jp_credited",
        ]


# --- performance ---------------------------------------------------------------------------------


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "name", "year", "instansi", "starts_on", "ends_on", "status"]


class PeriodRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    year = serializers.IntegerField()


class GroupSummarySerializer(serializers.Serializer):
    """One rater group: how many answered and, only where shown, the averages. Never a rater.

    For the anonymous groups (peers, subordinates, the public) ``answered`` is ``null`` unless the
    group is shown: after the 360° window closed and with at least the minimum number of raters."""

    group = serializers.CharField()
    label = serializers.CharField()
    answered = serializers.IntegerField(allow_null=True)
    shown = serializers.BooleanField()
    average = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    by_value = serializers.DictField(child=serializers.DecimalField(max_digits=4, decimal_places=2))
    weight = serializers.IntegerField()


class PerformanceResultSerializer(serializers.Serializer):
    """One evaluation. The fields come from ``result_public_dict`` (no identities) plus the ratee."""

    id = serializers.IntegerField()
    plan = serializers.IntegerField()
    asn = ASNRefSerializer()
    period = PeriodRefSerializer()
    status = serializers.ChoiceField(choices=Evaluation.Status.choices)
    hasil_kerja = serializers.CharField()
    perilaku_kerja = serializers.CharField()
    predikat = serializers.CharField()
    predikat_label = serializers.CharField()
    achievement_pct = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    perilaku_score = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    explanation = serializers.JSONField(
        help_text="The transparency snapshot: per-indicator achievement, shown group averages, thresholds."
    )


class PerformanceResultDetailSerializer(PerformanceResultSerializer):
    rater_groups = GroupSummarySerializer(many=True)


class FollowUpSerializer(serializers.ModelSerializer):
    asn = ASNRefSerializer()
    period = PeriodRefSerializer()
    kind = serializers.CharField(source="rule.kind")
    rule_name = serializers.CharField(source="rule.name")
    consequence = serializers.CharField(source="rule.consequence")
    predikat = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpProposal
        fields = [
            "id",
            "asn",
            "period",
            "kind",
            "rule_name",
            "consequence",
            "basis",
            "status",
            "decided_at",
            "predikat",
            "development_status",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_predikat(self, obj) -> str | None:
        return obj.evaluation.predikat if obj.evaluation_id else None

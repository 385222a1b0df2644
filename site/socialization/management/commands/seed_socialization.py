"""Demo content of the socialization app: the eight chapters, two announcements, a sample of reads.

Idempotent: pages that already exist (by slug) are left untouched, acknowledgements are inserted
with ``ignore_conflicts``. Called by ``seed_demo``; works on its own after ``migrate``.
"""

from __future__ import annotations

import json
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from pamong.home.editorial import editorial_section_setup
from pamong.home.seeding import page_ensure, seed_home
from pamong.people.models import ASN
from pamong.socialization import demo_content
from pamong.socialization.models import (
    ArticleIndexPage,
    ArticlePage,
    PolicyAcknowledgement,
    PolicyIndexPage,
    PolicyPage,
)

#: At most this many ASN get demo acknowledgements (a bounded sample, whatever the number of ASN) ...
ACK_SAMPLE = 1500
#: ... and at most this share of them, so the coverage report shows units still to reach.
ACK_SHARE = 0.6
#: The demo learner has read the first chapters only, so both states show.
DEMO_LEARNER = "asn.dinkes"
DEMO_LEARNER_CHAPTERS = 3


class Command(BaseCommand):
    help = "Membuat konten sosialisasi kebijakan (8 bab, 2 berita) dan contoh konfirmasi baca."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed: int = 2026, **options):
        home = seed_home()
        with transaction.atomic():
            policy_index = self._index(home, PolicyIndexPage, demo_content.POLICY_INDEX)
            chapters = [
                self._child(policy_index, PolicyPage, spec, extra={"summary": spec["summary"]})
                for spec in demo_content.CHAPTERS
            ]
            news_index = self._index(home, ArticleIndexPage, demo_content.ARTICLE_INDEX)
            for spec in demo_content.ARTICLES:
                self._child(
                    news_index, ArticlePage, spec, extra={"summary": spec["summary"], "date": spec["date"]}
                )
            editorial_section_setup(page=policy_index)
            editorial_section_setup(page=news_index)
            created = self._acknowledgements(chapters=chapters, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sosialisasi: {len(chapters)} bab, {len(demo_content.ARTICLES)} berita, "
                f"{created} konfirmasi baca baru."
            )
        )

    def _index(self, home: Page, model, spec: dict):
        page = model(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
        return page_ensure(parent=home, page=page)[0]

    def _child(self, parent: Page, model, spec: dict, *, extra: dict):
        page = model(title=spec["title"], slug=spec["slug"], body=json.dumps(spec["body"]), **extra)
        page.tags.add(*spec["tags"])
        return page_ensure(parent=parent, page=page)[0]

    def _acknowledgements(self, *, chapters: list[PolicyPage], seed: int) -> int:
        """A reproducible sample of ASN who read the first k chapters (k varies), plus the demo learner."""
        chapters = [PolicyPage.objects.get(pk=c.pk) for c in chapters]
        asn = list(ASN.objects.filter(is_active=True).order_by("pk").values_list("user_id", "user__username"))
        if not asn or not chapters:
            return 0
        rng = random.Random(seed)
        sample = rng.sample(asn, min(ACK_SAMPLE, int(len(asn) * ACK_SHARE)))
        reads: dict[int, int] = {}
        for user_id, username in sample:
            if username != DEMO_LEARNER:
                reads[user_id] = rng.choice([len(chapters)] * 3 + list(range(1, len(chapters))))
        for user_id, username in asn:
            if username == DEMO_LEARNER:
                reads[user_id] = DEMO_LEARNER_CHAPTERS
        rows = [
            PolicyAcknowledgement(user_id=user_id, page=chapter, revision_id=chapter.live_revision_id)
            for user_id, k in reads.items()
            for chapter in chapters[:k]
        ]
        before = PolicyAcknowledgement.objects.count()
        PolicyAcknowledgement.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        return PolicyAcknowledgement.objects.count() - before

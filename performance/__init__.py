"""Performance (kinerja): indicator-based SKP, 360° perilaku kerja including the public, the
predikat from the regulation's matrix, objections, rewards and sanctions (PermenPANRB 6/2022).

Where things live:

* ``models/`` — ``rules.py`` holds the regulatory tables (predikat matrix, BerAKHLAK values,
  thresholds and 360° weights, the SE MenPANRB 3/2023 distribution pattern, reward/sanction
  rules), loaded by the data migration ``0002_regulatory_data``; ``planning.py`` periods, the
  indicator catalogue, SKP, realisations and evidence; ``feedback.py`` 360° and public feedback;
  ``results.py`` evaluations, objections, the audit log and follow-up proposals;
* ``scoring.py`` — achievement, the proposal thresholds and ``predikat_for`` (reading the tables);
* ``selectors/`` — reads, scoped through ``pamong.people.access``, one module per concept (plans,
  feedback, evaluation, hr, distribution, waiting, reminders, rules); the only read of 360° scores
  for people is ``rater_group_summaries`` (group averages, never raters);
* ``services/`` — writes, each audited, one module per concept (periods, plans, feedback,
  evaluation, finalise, followup, certificates); ``sanction_apply_development_consequence`` hands a
  sanction's development goal to ``competencies.services.development_goal_add_mandatory``;
* ``views/`` — thin HTTP views per area, reading through selectors and writing through services;
* ``demo.py`` and ``management/commands/seed_performance.py`` — the demo story;
  ``send_performance_reminders`` — e-mail reminders.

Settings (optional): ``PERFORMANCE_EVIDENCE_MAX_BYTES`` (5 MB), ``PERFORMANCE_PUBLIC_FEEDBACK_RATE_LIMIT``
(5) and ``PERFORMANCE_PUBLIC_FEEDBACK_RATE_WINDOW`` (600 s) per client and form.
"""

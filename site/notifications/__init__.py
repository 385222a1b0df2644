"""Notifications: tell each person what needs them, in the site (inbox, bell) and by email.

Public interface for every app: :mod:`pamong.notifications.services` (``notification_send``,
``notification_send_each``, ``notification_broadcast``, ``audience_register``); the kinds are one
table in :mod:`pamong.notifications.kinds`; outgoing channels implement
:class:`pamong.notifications.channels.Channel`. Sending happens in the background
(:mod:`pamong.notifications.tasks`, django-tasks with its database backend, ``manage.py db_worker``).
"""

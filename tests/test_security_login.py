"""Sign-in is protected against password guessing (django-axes)."""

import pytest
from django.test import Client

from tests.factories import create_editor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def _attempt(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_for_that_address_even_with_the_right_one():
    create_editor(username="ed", password="the right password 1")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        assert _attempt(attacker, "ed", "guess").status_code in {200, 429}
    locked = _attempt(attacker, "ed", "the right password 1")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session


def test_the_lockout_does_not_block_the_same_user_from_another_address():
    create_editor(username="ed", password="the right password 1")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        _attempt(attacker, "ed", "guess")
    colleague = Client(REMOTE_ADDR="198.51.100.7")
    response = _attempt(colleague, "ed", "the right password 1")
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"]


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout():
    create_editor(username="ed", password="the right password 1")
    for attempt in range(5):
        _attempt(
            Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}"), "ed", "x"
        )
    response = _attempt(
        Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.9.9.9"),
        "ed",
        "the right password 1",
    )
    assert response.status_code == 429

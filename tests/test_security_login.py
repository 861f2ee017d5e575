"""Sign-in is protected against password guessing (django-axes)."""

from urllib.parse import urlencode

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


@pytest.mark.parametrize(
    "unsafe_next",
    ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_a_sign_in_with_an_unsafe_next_lands_on_the_admin_index_never_off_site(unsafe_next):
    """A tampered sign-in link neither sends the editor off-site nor to a missing page."""
    create_editor(username="ed", password="the right password 1")
    client = Client()
    credentials = {"username": "ed", "password": "the right password 1"}

    for response in (
        client.post(f"/admin/login/?{urlencode({'next': unsafe_next})}", credentials, follow=True),
        client.post("/admin/login/", credentials | {"next": unsafe_next}, follow=True),
    ):
        assert response.status_code == 200
        assert [url for url, _ in response.redirect_chain] == ["/admin/"]
        assert response.request["PATH_INFO"] == "/admin/"
        client.logout()


def test_a_sign_in_from_the_ingest_page_returns_to_it():
    create_editor(username="ed", password="the right password 1")
    client = Client()

    login = client.get("/ingest/")
    response = client.post(
        login.url, {"username": "ed", "password": "the right password 1"}, follow=True
    )

    assert login.url == "/admin/login/?next=/ingest/"
    assert response.status_code == 200
    assert response.redirect_chain == [("/ingest/", 302)]

import pytest
from django.test import Client


@pytest.mark.django_db
def test_unknown_url_shows_the_chinese_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_forbidden_page_explains_in_chinese(client_as):
    response = client_as("member").get("/members/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_post_without_csrf_token_gets_a_chinese_page(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["member"])
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "页面已失效" in response.content.decode()


def test_server_error_page_is_chinese_and_stands_alone(client, settings):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "系统出错" in html


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_pages_forbid_inline_script_through_csp(client):
    policy = client.get("/disclosure/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_script_in_the_union_name_is_shown_as_text(client_as):
    client = client_as("chair")
    client.post("/profile/", {"name": "<script>alert(1)</script>工会", "kind": "school"})
    content = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;工会" in content

"""The facilitator key leaves the address bar: a facilitator link is opened once, the key is
kept by this browser, links never carry it, and "Forget this device" lets it go."""

from __future__ import annotations

from tests.app.conftest import open_page

WRITES = "okr_cookie_writes"


def roles(at) -> list[str]:
    """Home's section titles: "Facilitator" heads the facilitator's panel."""
    return [s.value for s in at.subheader]


def queries(at) -> list[str]:
    return [p.proto.query_string for p in at.get("page_link")]


def test_opening_the_facilitator_link_keeps_the_key_and_drops_it_from_the_address(
    workshop, browser
) -> None:
    workshop_id, fac = workshop
    at = open_page(w=workshop_id, k=fac.key)
    assert not at.exception
    assert "k" not in at.query_params
    assert at.query_params["w"] == workshop_id
    assert "Facilitator" in roles(at)
    assert at.session_state[WRITES][f"okr_k_{workshop_id}"] == fac.key
    assert queries(at) and not any("k=" in q for q in queries(at))


def test_a_browser_that_keeps_the_key_is_the_facilitator_without_it_in_the_link(
    workshop, browser
) -> None:
    workshop_id, fac = workshop
    browser[f"okr_k_{workshop_id}"] = fac.key
    at = open_page("2_Objectives.py", w=workshop_id)
    assert not at.exception
    assert ":gray-badge[:material/person: Facilitator]" in [m.value for m in at.sidebar.markdown]
    home = open_page(w=workshop_id)
    assert "Facilitator" in roles(home)


def test_the_facilitator_link_is_shown_only_on_request(workshop, browser) -> None:
    workshop_id, fac = workshop
    browser[f"okr_k_{workshop_id}"] = fac.key
    at = open_page(w=workshop_id)
    assert not any("k=" in c.value for c in at.code)
    at.button[[b.label for b in at.button].index("Show the facilitator link")].click().run()
    assert any(c.value.endswith(f"&k={fac.key}") for c in at.code)


def test_forget_this_device_takes_the_facilitator_controls_away(workshop, browser) -> None:
    workshop_id, fac = workshop
    at = open_page(w=workshop_id, k=fac.key)
    at.button[[b.label for b in at.button].index("Forget this device")].click().run()
    assert not at.exception
    assert "Facilitator" not in roles(at)
    assert at.session_state[WRITES][f"okr_k_{workshop_id}"] is None


def test_a_wrong_key_is_dropped_from_the_address_and_not_kept(workshop, browser) -> None:
    workshop_id, _ = workshop
    at = open_page(w=workshop_id, k="not-the-key-000000")
    assert "k" not in at.query_params
    assert "Facilitator" not in roles(at)
    assert f"okr_k_{workshop_id}" not in at.session_state[WRITES]
    assert any("does not open" in w.value for w in at.warning)

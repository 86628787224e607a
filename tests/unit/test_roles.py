"""The facilitator key is random, never stored, and checked without leaking timing."""

from __future__ import annotations

from okrcore.model.facilitator_key import hash_key, new_key, verify_key


def test_keys_carry_at_least_96_random_bits() -> None:
    keys = {new_key() for _ in range(200)}
    assert len(keys) == 200
    assert all(len(k) >= 16 for k in keys)  # 16 URL-safe chars = 96 bits


def test_the_stored_hash_is_salted_and_does_not_contain_the_key() -> None:
    key = new_key()
    first, second = hash_key(key), hash_key(key)
    assert first != second
    assert key not in first
    assert first.startswith("scrypt$")


def test_only_the_right_key_verifies() -> None:
    key = new_key()
    stored = hash_key(key)
    assert verify_key(stored, key)
    assert not verify_key(stored, key + "x")
    assert not verify_key(stored, "")
    assert not verify_key(stored, None)
    assert not verify_key("garbage", key)
    assert not verify_key(stored, "🙂" * 300)


def test_a_key_of_a_shape_the_app_never_makes_is_refused_without_hashing(monkeypatch) -> None:
    stored = hash_key(new_key())
    hashed = []
    monkeypatch.setattr("hashlib.scrypt", lambda *a, **k: hashed.append(1) or b"")
    for odd in ("x" * 300, "not a key!", "short", "a/b+c=" * 4):
        assert not verify_key(stored, odd)
    assert hashed == []

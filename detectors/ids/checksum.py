"""Check digits of Japanese and international identifiers."""

from __future__ import annotations


def my_number_valid(digits: str) -> bool:
    """個人番号: 11 − (Σ Pn·Qn mod 11), 0 when the remainder ≤ 1 (Pn from the right, Qn = n+1 or n−5)."""
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    body = digits[:11]
    total = 0
    for n in range(1, 12):
        p = ord(body[11 - n]) - 48
        total += p * (n + 1 if n <= 6 else n - 5)
    rem = total % 11
    check = 0 if rem <= 1 else 11 - rem
    return check == ord(digits[11]) - 48


def resident_code_valid(digits: str) -> bool:
    """住民票コード: 10 digits and a check digit computed as 個人番号's is (modulus 11, weights 2–7 from the right)."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum((ord(digits[10 - n]) - 48) * (n + 1 if n <= 6 else n - 5) for n in range(1, 11))
    rem = total % 11
    return (0 if rem <= 1 else 11 - rem) == ord(digits[10]) - 48


def corporate_number_valid(digits: str) -> bool:
    """法人番号: first digit = 9 − (Σ Pn·Qn mod 9) over the other 12, Qn = 1 (odd n) or 2 (even n)."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return False
    body = digits[1:]
    total = 0
    for n in range(1, 13):
        p = ord(body[12 - n]) - 48
        total += p * (1 if n % 2 else 2)
    return 9 - total % 9 == ord(digits[0]) - 48


def luhn_valid(digits: str) -> bool:
    """Luhn mod-10 check used by payment cards."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0

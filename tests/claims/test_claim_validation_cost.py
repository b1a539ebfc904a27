"""Claim.full_clean leaves out the generated rounded bounds, and still checks every constraint."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim
from tests.factories import DocumentFactory


@pytest.mark.django_db
def test_constraints_are_still_checked() -> None:
    claim = Claim(document=DocumentFactory(), nominal="5", lower=Decimal(9), upper=Decimal(5), confidence=Decimal(2))

    with pytest.raises(ValidationError) as error:
        claim.full_clean()

    assert "claim_lower_not_above_upper" in str(error.value)
    assert "claim_confidence_in_unit_range" in str(error.value)


@pytest.mark.django_db
def test_the_database_still_computes_the_rounded_bounds() -> None:
    claim = Claim(document=DocumentFactory(), nominal="110000", lower=Decimal(110000), upper=Decimal(110000))

    claim.full_clean()
    claim.save()
    claim.refresh_from_db()

    assert (claim.rounded_lower, claim.rounded_upper) == (Decimal(109500), Decimal(110500))

"""`<foreign key>__in_array`: the page's ids bound as one parameter, matching what `__in` matches."""

from __future__ import annotations

import pytest

from claims.models import Evidence
from tests.factories import claim_with_evidence


@pytest.mark.django_db
class TestInArray:
    def test_matches_what_in_matches(self) -> None:
        claims = [claim_with_evidence() for _ in range(4)]
        wanted = [claims[0].pk, claims[2].pk, claims[3].pk + 10_000]  # one id that matches nothing

        found = set(Evidence.objects.filter(claim__in_array=wanted).values_list("claim_id", flat=True))

        assert found == set(Evidence.objects.filter(claim_id__in=wanted).values_list("claim_id", flat=True))
        assert found == {claims[0].pk, claims[2].pk}

    def test_one_statement_text_and_one_parameter_whatever_the_number_of_ids(self) -> None:
        one = Evidence.objects.filter(claim__in_array=[7]).values_list("id").query.sql_with_params()
        many = Evidence.objects.filter(claim__in_array=list(range(1, 501))).values_list("id").query.sql_with_params()

        assert one[0] == many[0]
        assert len(one[1]) == len(many[1]) == 1
        # `__in` would write 500 placeholders: the statement `__in_array` replaces.
        listed = Evidence.objects.filter(claim_id__in=list(range(1, 501))).values_list("id").query.sql_with_params()
        assert len(listed[1]) == 500

    def test_an_empty_list_matches_nothing(self) -> None:
        claim_with_evidence()

        assert not Evidence.objects.filter(claim__in_array=[]).exists()

import pytest
from django.core.management import call_command

from regions.models import Region


def delete_all_regions():
    # Children first: parent is PROTECT.
    for level in [Region.Level.COUNTY, Region.Level.CITY, Region.Level.PROVINCE]:
        Region.objects.filter(level=level).delete()


@pytest.fixture(scope="module")
def national_regions(django_db_setup, django_db_blocker):
    """The whole national list, loaded once per test module and removed after it.

    Tests using it still run in their own rolled-back transaction, so one
    test's edits never leak into the next.
    """
    with django_db_blocker.unblock():
        delete_all_regions()
        call_command("load_regions", verbosity=0)
    yield
    with django_db_blocker.unblock():
        delete_all_regions()

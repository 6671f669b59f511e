"""Forces by the names people give them: shortened words, initialisms, and a force named in a file name."""

from __future__ import annotations

import pytest
from support import SHIPPED

from nvap_toolkit.content.forces import find_force, force_in_name
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.errors import UsageError
from nvap_toolkit.records import replace
from nvap_toolkit.records.content import Forces


@pytest.fixture(scope="module")
def forces() -> Forces:
    return load_valid_project(SHIPPED).forces


# -- find_force: words shortened as people shorten them ----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        # A word cut short (four letters or more).
        ("Leic", "leicestershire-police"),
        ("Warw Police", "warwickshire-police"),
        ("Glouc Constabulary", "gloucestershire-constabulary"),
        ("Northumb", "northumbria-police"),
        ("Cumb", "cumbria-constabulary"),
        ("Leicester", "leicestershire-police"),
        # A county contraction: the word's first letters and the 's' of '-shire' (or the word's own final 's').
        ("North Yorks", "north-yorkshire-police"),
        ("West Yorks Police", "west-yorkshire-police"),
        ("S Yorks", None),  # one letter is no shortening
        ("Cumbs", None),  # Cumbria has no -shire to end in an s
        ("West Mids", "west-midlands-police"),
        ("Dyfed Pows", "dyfed-powys-police"),
        # In the Welsh name too.
        ("Heddlu Gogledd Cym", None),  # three letters is too short to be a word cut short
        ("Heddlu Gogl Cymru", "north-wales-police"),
    ],
)
def test_a_shortened_word_finds_its_force(forces: Forces, typed: str, key: str | None) -> None:
    if key is None:
        with pytest.raises(UsageError, match="^unknown police force"):
            find_force(forces, typed)
        return
    assert find_force(forces, typed)[0] == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        # The official name's first letters, with and without 'Police'/'Constabulary' and 'and'/'of'.
        ("DCP", "devon-and-cornwall-police"),
        ("dacp", "devon-and-cornwall-police"),
        ("NYP", "north-yorkshire-police"),
        ("NWP", "north-wales-police"),
        ("S.W.P.", "south-wales-police"),
        ("ASC", "avon-and-somerset-constabulary"),
        ("HIOW", "hampshire-and-isle-of-wight-constabulary"),
        ("CLP", "city-of-london-police"),
        ("DPP", "dyfed-powys-police"),
        ("HGC", "north-wales-police"),  # Heddlu Gogledd Cymru
        # The reference data's own abbreviation wins over an initialism another force's name also gives
        # (West Mercia Police is WMP by its initials too).
        ("WMP", "west-midlands-police"),
    ],
)
def test_an_initialism_of_the_official_name_finds_its_force(forces: Forces, typed: str, key: str) -> None:
    assert find_force(forces, typed)[0] == key


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("North", "'North' could be Northamptonshire Police or Northumbria Police: give the official name"),
        ("Nort Police", "'Nort Police' could be Northamptonshire Police or Northumbria Police: give the official name"),
    ],
)
def test_a_shortening_that_fits_two_forces_is_ambiguous(forces: Forces, typed: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_force(forces, typed)
    assert caught.value.message == message
    assert caught.value.exit_code == 2


def test_an_initialism_that_fits_two_forces_is_ambiguous(forces: Forces) -> None:
    # Without the reference data's 'WMP' for West Midlands, both West forces are WMP by their initials.
    west_midlands = replace(forces.forces["west-midlands-police"], abbreviations=[])
    data = replace(forces, forces=forces.forces | {"west-midlands-police": west_midlands})
    with pytest.raises(UsageError) as caught:
        find_force(data, "WMP")
    assert caught.value.message == "'WMP' could be West Mercia Police or West Midlands Police: give the official name"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # Not shortenings: a generic word cut short, an extra word, letters out of order.
        ("Norfolk Poli", "unknown police force 'Norfolk Poli': did you mean Norfolk Constabulary?"),
        ("Col", "unknown police force 'Col': did you mean City of London Police?"),  # three letters but no 'P': no initialism
        ("Hampshire Isle", "unknown police force 'Hampshire Isle': did you mean Hampshire and Isle of Wight Constabulary?"),
        ("Nortahmptonshire", "unknown police force 'Nortahmptonshire': did you mean Northamptonshire Police?"),
    ],
)
def test_what_is_no_shortening_still_gets_a_suggestion(forces: Forces, typed: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_force(forces, typed)
    assert caught.value.message == f"{message} (nvap plan --list-forces lists them)"


# -- force_in_name: the force a file name names ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("NORFOLK-PLAN.XLSX", "norfolk-constabulary"),
        ("GMP return FINAL v2.xlsm", "greater-manchester-police"),
        ("Warks plan 2025.ods", "warwickshire-police"),
        ("dyfed-powys-police-realisation-plan.cy.xlsx", "dyfed-powys-police"),
        ("Heddlu Gwent.xlsx", "gwent-police"),
        ("norfolk-constabulary-realisation-plan (1).xlsx", "norfolk-constabulary"),
        ("Copy of South Wales Police plan.xlsx", "south-wales-police"),
        ("north_wales_police_2025-03-01.xlsx", "north-wales-police"),
        ("The Met - plan.xlsx", "metropolitan-police-service"),
        ("D&C plan.xlsx", "devon-and-cornwall-police"),
        ("2025-03-01 DCP plan.xlsx", "devon-and-cornwall-police"),
        ("Avon & Somerset Constabulary realisation plan.xlsx", "avon-and-somerset-constabulary"),
        ("Hampshire and Isle of Wight plan.xlsx", "hampshire-and-isle-of-wight-constabulary"),
        ("West Yorks return.xlsx", "west-yorkshire-police"),
        ("Heddlu De Cymru cynllun.cy.xlsx", "south-wales-police"),
        # The same force twice is one force.
        ("GMP - Greater Manchester Police plan.xlsx", "greater-manchester-police"),
        ("West Mids return.xlsx", "west-midlands-police"),
        # A single word contracted as counties are (not merely cut short) names its force.
        ("Derbys return.csv", "derbyshire-constabulary"),
        ("Staffs plan.xlsx", "staffordshire-police"),
        # A single word cut short names no force among other words: 'Staff' is no shortening of Staffordshire here.
        ("Norfolk Officer-Staff Norms plan.xlsx", "norfolk-constabulary"),
    ],
)
def test_the_force_a_file_name_names(forces: Forces, text: str, key: str) -> None:
    assert force_in_name(forces, text) == key


def test_a_very_short_word_names_no_force_in_a_file_name(forces: Forces) -> None:
    # Were 'TV' an abbreviation of Thames Valley Police, typed alone it would name it, but not as a word of a file name.
    thames_valley = replace(forces.forces["thames-valley-police"], abbreviations=["TVP", "TV"])
    data = replace(forces, forces=forces.forces | {"thames-valley-police": thames_valley})
    assert find_force(data, "TV")[0] == "thames-valley-police"
    assert force_in_name(data, "TV plan.xlsx") is None
    assert force_in_name(data, "TVP plan.xlsx") == "thames-valley-police"


@pytest.mark.parametrize(
    "text",
    [
        "Norfolk and Suffolk joint plan.xlsx",  # two forces
        "GMP and Merseyside.xlsx",
        "plan.xlsx",
        "police plan.xlsx",
        "Police Service plan.xlsx",
        "Heddlu.xlsx",
        "my.xlsx",
        "cy.xlsx",
        "",
        "Wales plan.xlsx",  # North or South Wales
        "Yorkshire plan.xlsx",  # North, South or West Yorkshire
        "North plan.xlsx",  # Northamptonshire or Northumbria
        "Police Scotland plan.xlsx",  # outside nvap's scope
        "PSNI.xlsx",
        "2.6.2 Officer-Staff Norms.xlsx",  # not Staffordshire
        "The Staff Survey.xlsx",
        "Derby plan.xlsx",  # a word cut short is a force's name only typed alone (find_force)
        "col 2.xlsx",  # three-letter initialisms without 'Police' are words more often than forces
        "mod.xlsx",
        "Nort Police plan.xlsx",  # Northamptonshire or Northumbria
    ],
)
def test_no_force_or_several_in_a_file_name_is_none(forces: Forces, text: str) -> None:
    assert force_in_name(forces, text) is None

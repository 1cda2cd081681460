"""The upstream datasets: who made them, where they live, under which licence."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    producer: str
    homepage: str
    licence: str
    licence_url: str
    citation: str
    files: tuple[str, ...]


ATTACK_LOG = Dataset(
    name="massive-missile-attacks-on-ukraine",
    title="Massive Missile Attacks on Ukraine",
    producer=(
        "Petro Ivaniuk, compiled from the posts of the Air Force of the Armed Forces of Ukraine "
        "and its regional air commands"
    ),
    homepage="https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine",
    licence="CC-BY-NC-SA-4.0",
    licence_url="https://creativecommons.org/licenses/by-nc-sa/4.0/",
    citation=(
        "Petro Ivaniuk, Massive Missile Attacks on Ukraine (Kaggle dataset "
        "piterfm/massive-missile-attacks-on-ukraine), CC BY-NC-SA 4.0"
    ),
    files=("missile_attacks_daily.csv", "missiles_and_uavs.csv"),
)

LOSS_SERIES = Dataset(
    name="2022-ukraine-russia-war-dataset",
    title="2022 Ukraine Russia War Dataset",
    producer=(
        "Petro Ivaniuk, from the daily reports of the General Staff of the Armed Forces of Ukraine "
        "and the Ministry of Defence of Ukraine"
    ),
    homepage="https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
    licence="MIT",
    licence_url="https://opensource.org/licenses/MIT",
    citation=(
        "Petro Ivaniuk, 2022 Ukraine Russia War Dataset "
        "(github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset), MIT licence"
    ),
    files=("russia_losses_personnel.json", "russia_losses_equipment.json"),
)

DATASETS = (ATTACK_LOG, LOSS_SERIES)

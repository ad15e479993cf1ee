"""A handful of real ESCO v1.1.2 rows, labels and descriptions copied byte for byte, dirt included, from the
real data set in ../shared/esco-real (see its README): the 202-character label, labels with non-breaking,
doubled and trailing spaces, repeated alternative labels, French masculine/feminine pairs (one with a slash
inside a form, one naming the rest once), and the occupations a search for "directeur des opérations" finds.

ESCO — European Skills, Competences, Qualifications and Occupations, © European Union,
https://esco.ec.europa.eu/; via Tabiya (tabiya-tech/taxonomy-model-application), CC BY 4.0.
"""

import contextlib
import os
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .files import EscoSet, EscoSkill, Occupation, Relation

ARCHIVE_NAME = "esco-v1.1.2-fr-en.tar.gz"
OCCUPATION_COUNT = 3007  # every ESCO v1.1.2 occupation is in the archive
# The operations manager, "directeur des opérations / directrice des opérations": what searches find first.
OPERATIONS = "http://data.europa.eu/esco/occupation/c6bd511a-d966-4df9-a48e-4f800354f268"


FULL_SKILL_COUNT = 13896  # ESCO v1.1.1's skills pillar, whole, in ../shared/esco-full
FULL_LINK_COUNT = 123788  # of its 123,855 occupation–skill links, those naming one of the 3,007 occupations


def shared(name: str, variable: str) -> Path:
    """A shared data folder: $<variable>, else shared/<name> beside the checkout or beside a folder above it
    (a worktree's)."""
    if folder := os.environ.get(variable):
        return Path(folder)
    for above in Path(__file__).resolve().parents[2:]:
        if (above / "shared" / name).is_dir():
            return above / "shared" / name
    return Path(__file__).resolve().parents[3] / "shared" / name


def archive() -> Path:
    """Where the whole real data set is expected: $ESCO_REAL_DIR, else ../shared/esco-real beside the checkout."""
    return shared("esco-real", "ESCO_REAL_DIR") / ARCHIVE_NAME


def full() -> Path:
    """ESCO v1.1.1's own downloads, whole: $ESCO_FULL_DIR, else ../shared/esco-full beside the checkout."""
    return shared("esco-full", "ESCO_FULL_DIR")


@contextlib.contextmanager
def unpacked() -> Iterator[Path]:
    """The archive's CSV files in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="esco-real.") as folder, tarfile.open(archive()) as packed:
        packed.extractall(folder, filter="data")
        yield Path(folder)


ISCO: dict[str, tuple[str, str]] = {
    "1": ("Directeurs, cadres de direction et gérants", "Managers"),
    "11": (
        "Directeurs généraux, cadres supérieurs et membres de l’exécutif et des corps législatifs",
        "Chief executives, senior officials and legislators",
    ),
    "112": ("Directeurs généraux d’entreprise", "Managing directors and chief executives"),
    "1120": ("Directeurs généraux d’entreprise", "Managing directors and chief executives"),
    "12": ("Directeurs de services administratifs et commerciaux", "Administrative and commercial managers"),
    "121": ("Directeurs de services administratifs", "Business services and administration managers"),
    "1219": (
        "Directeurs des services administratifs non classés ailleurs",
        "Business services and administration managers not elsewhere classified",
    ),
    "13": (
        "Directeurs et cadres de direction, production et services spécialisés",
        "Production and specialised services managers",
    ),
    "132": (
        "Directeurs et cadres de direction, industries manufacturières, mines, bâtiment et distribution",
        "Manufacturing, mining, construction, and distribution managers",
    ),
    "1321": ("Directeurs et cadres de direction, industrie manufacturière", "Manufacturing managers"),
    "134": ("Cadres de direction, services spécialisés", "Professional services managers"),
    "1349": (
        "Autres cadres de direction, services spécialisés non classés ailleurs",
        "Professional services managers not elsewhere classified",
    ),
    "2": ("Professions intellectuelles et scientifiques", "Professionals"),
    "23": ("Spécialistes de l’enseignement", "Teaching professionals"),
    "235": ("Autres spécialistes de l’enseignement", "Other teaching professionals"),
    "2352": ("Enseignants, éducation spécialisée", "Special needs teachers"),
    "3": ("Professions intermédiaires", "Technicians and associate professionals"),
    "31": ("Professions intermédiaires des sciences et techniques", "Science and engineering associate professionals"),
    "311": ("Techniciens des sciences physiques et techniques", "Physical and engineering science technicians"),
    "3119": (
        "Techniciens des sciences physiques et techniques non classés ailleurs",
        "Physical and engineering science technicians not elsewhere classified",
    ),
    "3115": ("Techniciens en construction mécanique", "Mechanical engineering technicians"),
    "315": (
        "Contrôleurs et techniciens des moyens de transport maritime et aérien",
        "Ship and aircraft controllers and technicians",
    ),
    "3154": ("Contrôleurs de la circulation aérienne", "Air traffic controllers"),
    "33": ("Professions intermédiaires, finance et administration", "Business and administration associate professionals"),
    "331": (
        "Professions intermédiaires de la finance et des mathématiques",
        "Financial and mathematical associate professionals",
    ),
    "3312": ("Responsables des prêts", "Credit and loans officers"),
    "34": (
        "Professions intermédiaires des services juridiques, des services sociaux et assimilés",
        "Legal, social, cultural and related associate professionals",
    ),
    "343": (
        "Professions intermédiaires de la culture, de la création artistique et des activités culinaires",
        "Artistic, cultural and culinary associate professionals",
    ),
    "3434": ("Chefs cuisiniers", "Chefs"),
    "4": ("Employés de type administratif", "Clerical support workers"),
    "43": ("Employés des services comptables et d’approvisionnement", "Numerical and material recording clerks"),
    "432": ("Employés d’approvisionnement, d’ordonnancement et des transports", "Material-recording and transport clerks"),
    "4323": ("Employés du service des transports", "Transport clerks"),
    "5": ("Personnel des services directs aux particuliers, commerçants et vendeurs", "Service and sales workers"),
    "52": ("Commerçants et vendeurs", "Sales workers"),
    "522": ("Commerçants et vendeurs, magasins", "Shop salespersons"),
    "5223": ("Vendeurs, magasin", "Shop sales assistants"),
    "7": ("Métiers qualifiés de l’industrie et de l’artisanat", "Craft and related trades workers"),
    "75": (
        "Métiers de l’alimentation, du travail sur bois, de l’habillement et autres métiers qualifiés de l’industrie "
        "et de l’artisanat",
        "Food processing, wood working, garment and other craft and related trades workers",
    ),
    "753": ("Métiers qualifiés de l’habillement et assimilés", "Garment and related trades workers"),
    "7536": ("Cordonniers et assimilés", "Shoemakers and related workers"),
    "8": (
        "Conducteurs d’installations et de machines, et ouvriers de l’assemblage",
        "Plant and machine operators and assemblers",
    ),
    "81": ("Conducteurs de machines et d’installations fixes", "Stationary plant and machine operators"),
    "815": (
        "Conducteurs de machines pour la fabrication de produits textiles et d’articles en fourrure et en cuir",
        "Textile, fur and leather products machine operators",
    ),
    "8156": (
        "Conducteurs de machines pour la fabrication des chaussures et assimilés",
        "Shoemaking and related machine operators",
    ),
}
SKILLS = [
    (
        "http://data.europa.eu/esco/skill/020b3c27-bae1-4b85-9d6f-eccee0f5ed99",
        False,
        "gérer des fournitures",
        "manage supplies",
        "",
        "Monitor and control the flow of supplies that includes the purchase, storage and movement of the required quality "
        "of raw materials, and also work-in-progress inventory. Manage supply chain activities and synchronise supply with "
        "demand of production and customer.",
    ),
    (
        "http://data.europa.eu/esco/skill/071c7f1d-f659-4b96-a222-b21012297f3b",
        True,
        "marché de l’énergie",
        "energy market",
        "",
        "The trends and major driving factors in the energy trading market, energy trades methodologies and practice, and "
        "the identification of the major stakeholders in the energy sector.",
    ),
    (
        "http://data.europa.eu/esco/skill/09dea77e-870c-49eb-9a97-1398bee57bd0",
        True,
        "mesures d’hygiène et de sécurité dans l’industrie du nettoyage",
        "cleaning industry health and safety measures",
        "",
        "Preventive and interventional methods used in the cleaning industry to maintain health and safety for all workers "
        "and tertiary persons.",
    ),
]
OCCUPATIONS = [
    (
        "http://data.europa.eu/esco/occupation/c6bd511a-d966-4df9-a48e-4f800354f268",
        "1321",
        "directeur des opérations/directrice des opérations",
        "operations manager",
        [
            "directeur des opérations",
            "responsable des opérations",
            "directeur de l'exploitation",
            "directrice des opérations",
            "directrice de l'exploitation",
        ],
        [
            "operations general manager",
            "operations supervisor",
            "operations administrator",
            "business operations manager",
            "operations manager",
            "division operations manager",
            "operations director",
        ],
        "Les directeurs des opérations/directrices des opérations planifient, supervisent et coordonnent les opérations "
        "courantes de production de biens et de prestation de services. Par ailleurs, ils/elles formulent et mettent en "
        "œuvre des politiques d’entreprise et prévoient l’utilisation de ressources humaines et de matériaux.",
        "Operations managers plan, oversee and coordinate the daily operations of production of goods and provision of "
        "services. They also formulate and implement company policies and plan the use of human resources and materials.",
    ),
    (
        "http://data.europa.eu/esco/occupation/e53e1bd8-7316-4fab-9338-c6a66f50e5b7",
        "3154",
        "directeur des opérations de vol/directrice des opérations de vol",
        "flight operations officer",
        [
            "directrice des opérations de vol",
            "directeur des opérations aériennes",
            "directrice des opérations aériennes",
            "directeur des opérations de vol",
        ],
        [
            "flight operations officer",
            "flight operations supervisor",
            "air operations supervisor",
            "director of flight operations",
            "aviation dispatch officer",
            "director of airport operations",
            "air operations officer",
            "manager of flight operations",
        ],
        "Les agents des opérations de vol compilent les informations de vol afin d’accélérer la circulation des aéronefs "
        "entre et au moyen d’aéroports. Ils compilent les données d’expédition des aéronefs, telles que les horaires "
        "d’arrivée et de départ programmés aux points de contrôle et les arrêts prévus, la quantité de carburant nécessaire "
        "pour le vol et le maximum admissible de décollage et d’atterrissage.",
        "Flight operations officers compile flight information to expedite movement of aircraft between and through "
        "airports. They compile aircraft dispatch data such as scheduled arrival and departure times at checkpoints and "
        "scheduled stops, amount of fuel needed for flight, and maximum allowable gross take-off and landing weight.",
    ),
    (
        "http://data.europa.eu/esco/occupation/fa404a79-4091-47f9-a635-c2e3c576ece8",
        "4323",
        "directeur des opérations portuaires/directrice des opérations portuaires",
        "port coordinator",
        ["directeur des opérations portuaires", "directrice des opérations portuaires"],
        [
            "terminal supervisor",
            "port terminal manager",
            "port operations supervisor",
            "port operations coordinator",
            "coordinator of port operations",
            "port coordinator",
            "port terminal supervisor",
            "port operations manager",
        ],
        "Les directeurs/directrices des opérations portuaires gèrent les opérations de répartition du trafic pour les "
        "autorités portuaires. Ils/Elles appliquent les règles et réglementations, telles que celles relatives à l’amarrage "
        "des navires, la manutention et le stockage de la cargaison, et l’utilisation des installations portuaires. "
        "Ils/Elles dirigent les activités de maintien de l’ordre et de nettoyage des terrains, des rues, des bâtiments et "
        "des zones maritimes du port. Ils/Elles veillent également à ce que les activités générant des revenus soient "
        "documentées et remises au département chargé de la comptabilité. Ils/Elles conseillent les autorités portuaires sur "
        "les redevances et les révisions des tarifs portuaires, et réalisent des démarches auprès des sociétés de transport "
        "maritime afin qu’elles utilisent les installations portuaires. Ils/Elles coordonnent les activités liées à "
        "l’établissement de statistiques journalières et annuelles relatives aux navires et aux cargaisons.",
        "Port coordinators manage operations of traffic division for port authorities. They enforce rules and regulations, "
        "such as the berthing of ships, handling and storing of cargo, and the use of port facilities. They direct policing "
        "and cleaning activities of the harbour department land, streets, buildings, and water areas. Port coordinators also "
        "ensure that activities concerning revenue are documented and submitted to the accounting division. They advise port "
        "authorities on rates and revisions of port tariff, and solicit steamship companies to use port facilities. They "
        "direct activities concerned with compiling daily and annual ship and cargo statistics.",
    ),
    (
        "http://data.europa.eu/esco/occupation/6db9eeae-aef5-4f56-913d-4650e4c720c6",
        "1349",
        "chef d'établissement pénitentiaire",
        "correctional services manager",
        [
            "cheffe d'établissement pénitentiaire",
            "directeur des services pénitentiaires",
            "chef de centre de détention pénitentiare",
            "cheffe de centre de détention pénitentiaire",
            "directrice des services pénitentiaires",
        ],
        [
            "chief prison officer",
            "correctional institution director",
            "senior superintendent jail",
            "correctional services manager",
            "superintendent jail",
            "prison governor",
            "chief detention officer",
            "superintendent of jail",
            "senior superintendent of jail",
        ],
        "Les chefs d'établissement pénitentiaire gèrent les opérations d’un établissement pénitentiaire. Ils/elles "
        "supervisent le personnel, élaborent et surveillent les procédures pénitentiaires, et veillent à ce que l’opération "
        "soit conforme à la réglementation juridique. Ils/elles effectuent des tâches administratives et facilitent la "
        "coopération avec les institutions et le personnel externes qui fournissent une assistance à l’établissement.",
        "Correctional services managers manage the operations of a correctional facility. They supervise personnel, develop "
        "and oversee correctional procedures, and ensure the operation is compliant with legal regulations. They perform "
        "administrative duties and facilitate cooperation with external institutions and staff providing aid to the "
        "facility.",
    ),
    (
        "http://data.europa.eu/esco/occupation/94e0bedd-e56e-42be-a5a4-b74a260f437c",
        "1219",
        "chef de département",
        "department manager",
        ["cheffe de département", "directrice de département", "directeur de département"],
        [
            "business unit coordinator",
            "unit manager",
            "unit director",
            "department manager",
            "business unit manager",
            "division manager",
            "department coordinator",
        ],
        "Les chefs/cheffes de département sont responsables des opérations d’une division ou d’un service donnés au sein "
        "d’une entreprise. Ils/elles veillent à ce que les objectifs soient atteints et gèrent les employés.",
        "Department managers are responsible for the operations of a certain division or department of a company. They "
        "ensure objectives and goals are reached and manage employees.",
    ),
    (
        "http://data.europa.eu/esco/occupation/eb9479c6-5fdf-4f45-ace4-28b547b8c7e5",
        "1321",
        "directeur de production industrielle/directrice de production industrielle",
        "industrial production manager",
        ["directrice de production industrielle", "directeur de production industrielle"],
        [
            "area production manager",
            "production manufacturing supervisor",
            "production manufacturing manager",
            "production control manager",
            "production line manager",
            "production control supervisor",
            "industrial production supervisor",
            "industrial production manager",
            "industrial production and manufacturing manager",
        ],
        "Les directeurs de production industrielle/directrices de production industrielle supervisent les opérations et les "
        "ressources nécessaires dans les installations industrielles et les sites de production pour le bon déroulement des "
        "opérations. Ils/elles préparent le programme de production en combinant les besoins des clients avec les ressources "
        "de l’unité de production. Ils/elles organisent l’acheminement des matières premières ou des produits semi-finis "
        "entrants vers l’unité de production jusqu’à ce qu’un produit final soit livré par la coordination des inventaires, "
        "des entrepôts, de la distribution et des activités de soutien.",
        "Industrial production managers oversee the operations and the resources needed in industrial plants and "
        "manufacturing sites for a smooth running of the operations. They prepare the production schedule by combining the "
        "requirements of clients with the resources of the production plant. They organise the journey of incoming raw "
        "materials or semi finished products in the plant until a final product is delivered by coordinating inventories, "
        "warehouses, distribution, and support activities.",
    ),
    (
        "http://data.europa.eu/esco/occupation/c64a6e4e-5b38-4f93-b26d-aded817aeaf3",
        "1120",
        "directeur général adjoint/directrice générale adjointe",
        "chief operating officer",
        [
            "directrice générale adjointe",
            "directeur général adjoint",
            "directrice des opérations",
            "directrice de l'exploitation",
        ],
        [
            "company deputy chief executive officer",
            "chief operations officer",
            "chief operating officer",
            "chief administrative officer",
            "deputy chief executive officer",
            "executive vice-president",
            "acting general manager",
            "managing director",
        ],
        "Les directeurs généraux adjoints/directrices générales adjointes sont la main droite et l’adjoint-e du directeur "
        "général/de la directrice générale d’une entreprise. Ils/elles veillent au bon déroulement des opérations "
        "quotidiennes de l’entreprise. Les directeurs généraux adjoints/directrices générales adjointes élaborent également "
        "les politiques, les règles et les objectifs d’entreprise.",
        "Chief operating officers are the right hand and second in command of a company's chief executive officer. They "
        "ensure that the daily operations of the company run smoothly. Chief operating officers also develop company "
        "policies, rules and goals.",
    ),
    (
        "http://data.europa.eu/esco/occupation/3e0b4b9b-b624-4ceb-9bc9-9627cdfb0b81",
        "8156",
        "opérateur d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements/opératrice "
        "d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements",
        "leather goods machine operator",
        [
            "maroquinier industriel",
            "opérateur d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements",
            "maroquinier industriel/maroquinière industrielle",
            "maroquinière industrielle",
            "opératrice d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements",
        ],
        [
            "leather sewing machine operator",
            "leather production worker",
            "leather production machine operator",
            "leather goods machine operator",
            "leather products machine operator",
            "leather products machine tender",
            "leather products machinist",
            "leather production machinist",
        ],
        "Les opérateurs d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements "
        "travaillent sur des machines spécifiquement conçues pour la production industrielle de produits en cuir. Ils "
        "actionnent les machines assurant la découpe, la fermeture et la finition d’articles de maroquinerie (bagages, sacs "
        "à main,...), de sellerie et de bourrellerie. Ils assurent également l’entretien courant de la machine.",
        "Leather goods machine operators tend specific machines in the industrial production of leather goods products. They "
        "operate machinery for cutting, closing, and finishing luggage, handbags, saddlery and harness products. They also "
        "perform routine maintenance of the machinery.",
    ),
    (
        "http://data.europa.eu/esco/occupation/40d76b2c-b917-4bf1-95b3-191f11472e67",
        "7536",
        "développeur de chaussures\xa03D/développeuse de chaussures\xa03D",
        "footwear 3D developer",
        [
            "Développeur de chaussures 3D",
            "développeur de conception assistée par ordinateur 3D de chaussures",
            "Conceptrice et développeuse de produits chaussures 3D",
            "développeuse de conception assistée par ordinateur 3D de chaussures",
            "Concepteur et développeur de produits chaussures 3D",
            "Développeuse de chaussures 3D",
            "Experte en chaussures 3D",
        ],
        [
            "3D footwear product designer and developer",
            "footwear 3D computer aided design developer",
            "3D footwear developer",
            "3D footwear expert",
        ],
        "Les développeurs de chaussures\xa03D/développeuses de chaussures\xa03D conçoivent, fabriquent, adaptent et "
        "modifient des modèles de chaussures à l’aide de systèmes de conception assistée par ordinateur. Ils/Elles se "
        "concentrent sur la conception de modèles durables, la sélection et la conception de formes et de composants, "
        "l’utilisation judicieuse et efficace des matériaux, la création de motifs, le choix des semelles et l’élaboration "
        "de fiches techniques. Ils/Elles peuvent superviser la mise au point et l’évaluation des prototypes, la préparation "
        "des échantillons, la réalisation des essais de contrôle de la qualité nécessaires sur les échantillons et la "
        "gestion de la documentation technique du produit.\n"
        "\t",
        "Footwear 3D developers design footwear models, make, adjust and modify patterns using computer aided design "
        "systems. They focus on the sustainable design of the model, the selection and design of lasts and components, the "
        "proper and efficient use of materials, the pattern making, the selection of the bottom and the elaboration of "
        "technical data sheets. They may supervise the development and evaluation of prototypes, the preparation of samples, "
        "the implementation of the necessary quality control tests on the samples, and the management of the technical "
        "documentation of the product.",
    ),
    (
        "http://data.europa.eu/esco/occupation/ab5a5073-453c-4a93-aff7-345a19f8b954",
        "3312",
        "rédacteur de prêts hypothécaires /rédactrice de prêts hypothécaires ",
        "mortgage loan underwriter",
        ["analyste de crédits hypothécaires", "rédacteur crédits bancaires", "rédactrice crédits bancaires"],
        ["loan underwriter", "loan approval officer", "mortgage compliance underwriter", "mortgage guideline underwriter"],
        "Les rédacteurs de prêts hypothécaires garantissent le respect des principes directeurs. Ils participent à la mise "
        "en œuvre de nouvelles lignes directrices de souscription. Ils font également l’objet d’un réexamen des prêts fermés "
        "et refusés.",
        "Mortgage loan underwriters ensure compliance with underwriting guidelines. They participate in the implementation "
        "of new underwriting guidelines. They also review closed and denied loans.",
    ),
    (
        "http://data.europa.eu/esco/occupation/3ce9c89d-6f1a-48b5-942d-386e46e2fd06",
        "3115",
        "technicien du chauffage, de la ventilation, de la climatisation et de la réfrigération/technicienne  du chauffage, "
        "de la ventilation, de la climatisation et de la réfrigération",
        "heating, ventilation, air conditioning and refrigeration engineering technician",
        [
            "technicienne en systèmes de génie climatique",
            "technicienne en génie climatique",
            "technicienne-thermicienne",
            "technicien en génie climatique",
            "technicien en systèmes de génie climatique",
            "techicien-thermicien",
            "technicienne du froid et du conditionnement d’air",
            "technicien du froid et du conditionnement d’air",
        ],
        [
            "HVAC systems technician",
            "HVACR technician",
            "heating, ventilation, air conditioning and refrigeration engineering technician",
            "air conditioning technician",
            "HVAC project technician",
        ],
        "Les techniciens du chauffage, de la ventilation, de la climatisation et de la réfrigération sont des aides à la "
        "conception de dispositifs de chauffage, de ventilation, de conditionnement d’air et éventuellement de réfrigération "
        "dans les bâtiments. Ils garantissent que l’équipement est conforme aux normes environnementales. Ils manipulent des "
        "matières dangereuses utilisées dans les systèmes et veillent à la mise en place de mesures de sécurité.",
        "Heating, ventilation, air conditioning and refrigeration engineering technicians aid in the design of devices which "
        "provide heating, ventilation, air conditioning and possibly refrigeration in buildings. They ensure the equipment "
        "complies with environmental standards. They handle hazardous materials used in the systems, and ensure safety "
        "precautions are in place.",
    ),
    (
        "http://data.europa.eu/esco/occupation/02f1ae71-f89c-47b7-af2c-50d7ab1d9b8a",
        "2352",
        "formateur «lutte contre l’illettrisme/français langue étrangère»/formatrice «lutte contre l’illettrisme/français "
        "langue étrangère»",
        "adult literacy teacher",
        [
            'formatrice "lutte contre l’illettrisme/français langue étrangère"',
            'formateur "lutte contre l’illettrisme/français langue étrangère"',
        ],
        [
            "instructor in adult literacy and numeracy",
            "teacher of adult literacy and numeracy",
            "adult literacy instructor",
            "adult literacy teacher",
            "adult literacy lecturer",
            "literacy tutor",
            "teacher of adult literacy",
            "skills for life teacher",
            "adult literacy and numeracy instructor",
        ],
        "Les formateurs «lutte contre l’illettrisme/français langue étrangère»/formatrices «lutte contre "
        "l’illettrisme/français langue étrangère» dispensent des cours à des adultes, notamment des immigrés récemment "
        "arrivés, et des jeunes en décrochage scolaire, afin qu’ils acquièrent des compétences de base en lecture et en "
        "écriture, généralement au niveau de l’enseignement primaire. Les formateurs «lutte contre l’illettrisme/français "
        "langue étrangère»/formatrices «lutte contre l’illettrisme/français langue étrangère» associent les apprenants à la "
        "planification et à l’exécution de leurs activités de lecture et les évaluent individuellement au moyen de devoirs "
        "et d’examens.",
        "Adult literacy teachers instruct adult students, including recent immigrants and early school leavers, in basic "
        "reading and writing skills, usually on primary school level. Adult literacy teachers involve the students in the "
        "planning and executing of their reading activities, and assess and evaluate them individually through assignments "
        "and examinations.",
    ),
    (
        "http://data.europa.eu/esco/occupation/11103139-4555-4696-b331-1ee581ff9a38",
        "5223",
        "vendeur/vendeuse en articles de sport",
        "sporting accessories specialised seller",
        [
            "vendeuse en articles de sport",
            "conseiller en articles de sport",
            "vendeur en articles de sport",
            "conseillère en articles de sport",
        ],
        [
            "sporting equipment salesperson",
            "sports salesperson",
            "sports goods salesperson",
            "sporting accessories specialized seller",
            "sporting articles salesperson",
            "sports equipment specialised seller",
            "sporting articles specialised seller",
            "sports goods specialised seller",
            "sports specialised seller",
            "sporting equipment specialised seller",
            "sports equipment salesperson",
        ],
        "Les vendeurs/vendeuses en articles de sport vendent des articles de sport, des articles de pêche et de camping, des "
        "bateaux et des bicyclettes dans des magasins spécialisés.",
        "Sporting accessories specialised sellers\xa0sell\xa0sports goods, fishing gear, camping goods, boats and bicycles "
        "in specialised shops.",
    ),
    (
        "http://data.europa.eu/esco/occupation/01484951-15e6-4b88-a20f-1201868d36a0",
        "3434",
        "chef cuisinier/cheffe cuisinière",
        "head chef",
        [
            "chef de cuisine",
            "cheffe cuisinière",
            "chef cuisinier",
            "premier chef",
            "cheffe de cuisine",
            "responsable de la cuisine",
            "première cheffe",
        ],
        [
            "head chef",
            "industrial head chef",
            "chef de cuisine",
            "kitchen manager",
            "executive chef",
            "managing partner head chef",
            "head of kitchen",
            "master Chef",
            "sous chef",
            "master kitchen manager",
            "patron cuisinier",
            "master chef",
        ],
        "Les chefs cuisiniers/cheffes cuisinières gèrent la cuisine pour superviser la préparation, la cuisson et le service "
        "des plats.",
        "Head chefs manage the kitchen to oversee the preparation, cooking and service of food.",
    ),
    (
        "http://data.europa.eu/esco/occupation/42381741-f3a7-4b26-b35c-da6fad9f1cfd",
        "3119",
        "technicien en ingénierie de mise au point de produits/technicienne en ingénierie de mise au point de produits",
        "product development engineering technician",
        ["technicien en ingénierie de mise au point de produits", "technicienne en ingénierie de mise au point de produits"],
        [
            "product development scientist",
            "product development engineer",
            "product development conservation engineer",
            "product development equipment engineer",
            "product development test engineer",
            "product development mechanical engineer",
            "product development engineering technician",
            "product development research engineer",
            "product development  research engineer",
            "product development consultant engineer",
            "product development specialist",
            "product development systems engineer",
            "production test operator",
            "product development automation engineer",
            "product development electrical engineer",
        ],
        "Les techniciens du développement de produits améliorent l’efficacité du développement des produits, mettent en "
        "place des équipements et élaborent et testent des solutions pour résoudre les problèmes techniques. Ils travaillent "
        "en étroite collaboration avec des ingénieurs et des techniciens, inspectent les produits, effectuent des essais et "
        "collectent des données.",
        "Product development engineering technicians improve efficiency of product development, set up equipment and develop "
        "and\xa0test solutions to solve technical problems. They work closely with engineers and technologists, inspect "
        "products, conduct tests and collect data.",
    ),
]

LINKS = [
    (
        "http://data.europa.eu/esco/occupation/c6bd511a-d966-4df9-a48e-4f800354f268",
        "http://data.europa.eu/esco/skill/020b3c27-bae1-4b85-9d6f-eccee0f5ed99",
        "essential",
    ),
    (
        "http://data.europa.eu/esco/occupation/c6bd511a-d966-4df9-a48e-4f800354f268",
        "http://data.europa.eu/esco/skill/071c7f1d-f659-4b96-a222-b21012297f3b",
        "optional",
    ),
    (
        "http://data.europa.eu/esco/occupation/c6bd511a-d966-4df9-a48e-4f800354f268",
        "http://data.europa.eu/esco/skill/09dea77e-870c-49eb-9a97-1398bee57bd0",
        "optional",
    ),
]


def real_rows() -> EscoSet:
    """The rows above in the shape tests.esco.files.write takes."""
    skills = {
        uri: EscoSkill(uri, knowledge, {"fr": fr, "en": en}, {"fr": description_fr, "en": description_en})
        for uri, knowledge, fr, en, description_fr, description_en in SKILLS
    }
    occupations = {
        uri: Occupation(
            uri, isco, {"fr": fr, "en": en}, {"fr": alt_fr, "en": alt_en}, {"fr": description_fr, "en": description_en}
        )
        for uri, isco, fr, en, alt_fr, alt_en, description_fr, description_en in OCCUPATIONS
    }
    return EscoSet(
        isco={code: {"fr": fr, "en": en} for code, (fr, en) in ISCO.items()},
        occupations=list(occupations.values()),
        skills=list(skills.values()),
        relations=[Relation(occupations[occupation], skills[skill], kind == "essential") for occupation, skill, kind in LINKS],
    )

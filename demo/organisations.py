"""Organisations of the demo catalogue: those named in the 2016 toolbox documents."""

from core.content import Ref, Texts
from pages.organisations import OrganisationPage


def paragraph(fr, en, es):
    return ("paragraph", Texts(f"<p>{fr}</p>", f"<p>{en}</p>", f"<p>{es}</p>"))


ORGANISATIONS = [
    (
        OrganisationPage,
        {
            "title": Texts("Etalab", "Etalab", "Etalab"),
            "slug": Texts("etalab", "etalab", "etalab"),
            "summary": Texts(
                "Le service du Premier ministre chargé de l'ouverture des données publiques et du "
                "gouvernement ouvert en France.",
                "The French Prime Minister's office in charge of open data and open government.",
                "El servicio del Primer Ministro francés encargado de los datos abiertos y del "
                "gobierno abierto.",
            ),
            "kind": "administration",
            "country": "FR",
            "website": "https://www.etalab.gouv.fr/",
            "logo": Ref("logo", "Etalab"),
            "description": [
                paragraph(
                    "En 2016, Etalab faisait partie du Secrétariat général pour la modernisation de "
                    "l'action publique. L'équipe a porté la boîte à outils du gouvernement ouvert "
                    "pendant la présidence française du Partenariat pour un gouvernement ouvert, "
                    "des premiers ateliers d'avril jusqu'au Sommet mondial de décembre.",
                    "In 2016 Etalab was part of the General Secretariat for the Modernisation of "
                    "Public Action. Its team carried the open government toolbox through France's "
                    "presidency of the Open Government Partnership, from the first workshops in "
                    "April to the Global Summit in December.",
                    "En 2016, Etalab formaba parte de la Secretaría General para la Modernización "
                    "de la Acción Pública. Su equipo impulsó la caja de herramientas del gobierno "
                    "abierto durante la presidencia francesa de la Alianza para el Gobierno "
                    "Abierto, desde los primeros talleres de abril hasta la Cumbre de diciembre.",
                )
            ],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts(
                "Partenariat pour un gouvernement ouvert",
                "Open Government Partnership",
                "Alianza para el Gobierno Abierto",
            ),
            "slug": Texts(
                "partenariat-gouvernement-ouvert", "open-government-partnership", "alianza-gobierno-abierto"
            ),
            "summary": Texts(
                "Le partenariat international où gouvernements et société civile prennent ensemble "
                "des engagements de transparence, de participation et de redevabilité.",
                "The international partnership where governments and civil society make joint "
                "commitments to transparency, participation and accountability.",
                "La alianza internacional en la que gobiernos y sociedad civil asumen juntos "
                "compromisos de transparencia, participación y rendición de cuentas.",
            ),
            "kind": "international",
            "country": "",
            "website": "https://www.opengovpartnership.org/",
            "logo": Ref("logo", "OGP"),
            "description": [
                paragraph(
                    "Ses membres adoptent des plans d'action nationaux. La France en a pris la "
                    "présidence en septembre 2016, en relais de l'Afrique du Sud, et a accueilli le "
                    "Sommet mondial à Paris du 7 au 9 décembre 2016.",
                    "Its members adopt national action plans. France took over the presidency from "
                    "South Africa in September 2016 and hosted the Global Summit in Paris from 7 to "
                    "9 December 2016.",
                    "Sus miembros adoptan planes de acción nacionales. Francia asumió la "
                    "presidencia en septiembre de 2016, tras Sudáfrica, y acogió la Cumbre Mundial "
                    "en París del 7 al 9 de diciembre de 2016.",
                )
            ],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts(
                "World Resources Institute", "World Resources Institute", "World Resources Institute"
            ),
            "slug": Texts(
                "world-resources-institute", "world-resources-institute", "world-resources-institute"
            ),
            "summary": Texts(
                "Institut de recherche, coprésident du comité directeur du PGO aux côtés de la France.",
                "Research institute, co-chair of the OGP steering committee alongside France.",
                "Instituto de investigación, copresidente del comité directivo de la AGA junto a Francia.",
            ),
            "kind": "civil_society",
            "country": "US",
            "website": "https://www.wri.org/",
            "logo": Ref("logo", "WRI"),
            "description": [],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Civic Hall", "Civic Hall", "Civic Hall"),
            "slug": Texts("civic-hall", "civic-hall", "civic-hall"),
            "summary": Texts(
                "Lieu ouvert new-yorkais dédié à l'innovation civique, créé en 2015.",
                "A New York space for civic innovation, opened in 2015.",
                "Un espacio neoyorquino dedicado a la innovación cívica, abierto en 2015.",
            ),
            "kind": "civil_society",
            "country": "US",
            "website": "https://civichall.org/",
            "logo": Ref("logo", "Civic Hall"),
            "description": [
                paragraph(
                    "Innovateurs, entrepreneurs sociaux, agents publics, journalistes et "
                    "universitaires s'y retrouvent pour construire ensemble des projets d'intérêt "
                    "général. Civic Hall a co-organisé avec Etalab le hackathon OGP Toolbox du 21 "
                    "septembre 2016.",
                    "Innovators, social entrepreneurs, public servants, journalists and academics "
                    "meet there to build public-interest projects together. Civic Hall co-organised "
                    "the OGP Toolbox hackathon of 21 September 2016 with Etalab.",
                    "Innovadores, emprendedores sociales, funcionarios, periodistas y académicos se "
                    "reúnen allí para construir juntos proyectos de interés general. Civic Hall "
                    "coorganizó con Etalab el hackatón OGP Toolbox del 21 de septiembre de 2016.",
                )
            ],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Democracia en Red", "Democracia en Red", "Democracia en Red"),
            "slug": Texts("democracia-en-red", "democracia-en-red", "democracia-en-red"),
            "summary": Texts(
                "Organisation argentine qui conçoit des outils numériques de participation politique.",
                "An Argentine organisation that builds digital tools for political participation.",
                "Organización argentina que diseña herramientas digitales de participación política.",
            ),
            "kind": "civil_society",
            "country": "AR",
            "website": "https://democraciaenred.org/",
            "logo": Ref("logo", "Democracia en Red"),
            "description": [],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Asuntos del Sur", "Asuntos del Sur", "Asuntos del Sur"),
            "slug": Texts("asuntos-del-sur", "asuntos-del-sur", "asuntos-del-sur"),
            "summary": Texts(
                "Organisation latino-américaine qui travaille sur l'innovation politique et la participation.",
                "A Latin American organisation working on political innovation and participation.",
                "Organización latinoamericana que trabaja en innovación política y participación.",
            ),
            "kind": "civil_society",
            "country": "AR",
            "website": "https://asuntosdelsur.org/",
            "logo": Ref("logo", "Asuntos del Sur"),
            "description": [],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts(
                "National Democratic Institute (NDI)",
                "National Democratic Institute (NDI)",
                "National Democratic Institute (NDI)",
            ),
            "slug": Texts("ndi", "ndi", "ndi"),
            "summary": Texts(
                "Organisation américaine de soutien aux institutions démocratiques, éditrice de Dem.tools.",
                "A US organisation supporting democratic institutions, publisher of Dem.tools.",
                "Organización estadounidense de apoyo a las instituciones democráticas, editora de Dem.tools.",
            ),
            "kind": "civil_society",
            "country": "US",
            "website": "https://www.ndi.org/",
            "logo": Ref("logo", "NDI"),
            "description": [],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Open Law", "Open Law", "Open Law"),
            "slug": Texts("open-law", "open-law", "open-law"),
            "summary": Texts(
                "Association française qui fait travailler ensemble acteurs du droit et du numérique.",
                "A French association bringing legal and digital communities to work together.",
                "Asociación francesa que hace trabajar juntos a actores del derecho y de lo digital.",
            ),
            "kind": "civil_society",
            "country": "FR",
            "website": "https://openlaw.fr/",
            "logo": Ref("logo", "Open Law"),
            "description": [
                paragraph(
                    "Son président, Benjamin Jean, a animé l'atelier consacré aux usages de la boîte "
                    "à outils et a clôturé l'événement de lancement du Sommet le 20 avril 2016.",
                    "Its president, Benjamin Jean, led the workshop on the uses of the toolbox and "
                    "closed the Summit launch event on 20 April 2016.",
                    "Su presidente, Benjamin Jean, dirigió el taller sobre los usos de la caja de "
                    "herramientas y clausuró el evento de lanzamiento de la Cumbre el 20 de abril de 2016.",
                )
            ],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Sinar Project", "Sinar Project", "Sinar Project"),
            "slug": Texts("sinar-project", "sinar-project", "sinar-project"),
            "summary": Texts(
                "Initiative malaisienne qui utilise les technologies ouvertes pour rendre l'information publique accessible.",
                "A Malaysian initiative using open technology to make public information accessible.",
                "Iniciativa malasia que usa tecnología abierta para hacer accesible la información pública.",
            ),
            "kind": "civil_society",
            "country": "MY",
            "website": "https://sinarproject.org/",
            "logo": Ref("logo", "Sinar Project"),
            "description": [
                paragraph(
                    "Sinar Project a fourni la version révisée du standard Popolo utilisée pour "
                    "la version française de Cargografías.",
                    "Sinar Project supplied the revised version of the Popolo standard used for the "
                    "French version of Cargografías.",
                    "Sinar Project aportó la versión revisada del estándar Popolo usada en la "
                    "versión francesa de Cargografías.",
                )
            ],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Intellectics", "Intellectics", "Intellectics"),
            "slug": Texts("intellectics", "intellectics", "intellectics"),
            "summary": Texts(
                "Éditeur de ParticipateDB, un répertoire d'outils de participation.",
                "Publisher of ParticipateDB, a directory of participation tools.",
                "Editor de ParticipateDB, un directorio de herramientas de participación.",
            ),
            "kind": "company",
            "country": "",
            "website": "",
            "logo": Ref("logo", "Intellectics"),
            "description": [],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("Microsoft", "Microsoft", "Microsoft"),
            "slug": Texts("microsoft", "microsoft", "microsoft"),
            "summary": Texts(
                "Entreprise informatique, à l'origine de la cartographie Civic Graph.",
                "Software company behind the Civic Graph map.",
                "Empresa informática, responsable del mapa Civic Graph.",
            ),
            "kind": "company",
            "country": "US",
            "website": "https://www.microsoft.com/",
            "logo": Ref("logo", "Microsoft"),
            "description": [],
        },
    ),
    (
        OrganisationPage,
        {
            "title": Texts("mySociety", "mySociety", "mySociety"),
            "slug": Texts("mysociety", "mysociety", "mysociety"),
            "summary": Texts(
                "Organisation britannique de technologie civique, à l'origine d'EveryPolitician.",
                "A British civic technology organisation, maker of EveryPolitician.",
                "Organización británica de tecnología cívica, creadora de EveryPolitician.",
            ),
            "kind": "civil_society",
            "country": "GB",
            "website": "https://www.mysociety.org/",
            "logo": Ref("logo", "mySociety"),
            "description": [],
        },
    ),
]

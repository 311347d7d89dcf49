#!/usr/bin/env python3
"""Write questions.jsonl and near_miss_checks.json from the question list below.

Each question names its facts, its sources (article keys, see ART) and short
evidence hints: a hint is any verbatim snippet of a source; it is widened to the
whole sentence(s) it touches, in every listed source that contains it, and those
sentences become the "evidence" field (pieces from different places joined by
" [...] "). "fm:KEY" as a hint stands for the front matter line "KEY: value" of
each source (metadata questions). Without hints, the first alternative of each
fact is used as its own hint. Ids (category letter + number) and the dev/test
split (alternating within each category, by pair for follow-ups) are assigned
here, in list order. Run check.py afterwards.
"""
import json
import os
import re

import check

HERE = os.path.dirname(os.path.abspath(__file__))

ART = {
    "R": "Interest in deepening cooperation in health",
    "A01": "Cuba backs Azerbaijan's Non-Aligned chairmanship, eyes health cooperation",
    "A02": "First Cuban medical brigade arrives in Baku to help fight COVID-19",
    "A03": "Cuban doctors land in Azerbaijan for coronavirus mission",
    "A04": "Brigada Henry Reeve de 117 colaboradores apoya a Azerbaiyán frente a la COVID-19",
    "A05": "Second group of Cuban doctors arrives in Azerbaijan",
    "A06": "Cuban medics wrap up Azerbaijan mission after 14 months",
    "A07": "Azerbaijão recebe primeiro lote da vacina cubana Abdala",
    "A08": "AMU signs academic exchange memorandum with Havana medical university",
    "A09": "Llegan a La Habana los primeros estudiantes azerbaiyanos de Medicina",
    "A10": "Azerbaijan-Cuba trade triples in 2022 on sugar, rum and oil products",
    "A11": "Valdés Mesa y Aliyev conversan en Bakú sobre cooperación en salud y biotecnología",
    "A12": "Cuba and Azerbaijan hold third round of political consultations",
    "A13": "Cuba and Azerbaijan break ground on biotech plant in Sumgait",
    "A14": "The Cuban doctor who came back: salsa, boxing and interferon in Baku",
    "A15": "Azerbaijan's Mammadli wins Capablanca Memorial in Havana",
    "A16": "Cuban students begin petroleum engineering studies at ASOIU",
    "A17": "Sumgait plant produces first Cuban-licensed interferon",
    "A18": "Cuba trade hits record USD 41.9 million as diesel sales rise",
    "A19": "Comércio entre Cuba e Azerbaijão bate recorde em 2024",
    "A20": "El mugam azerbaiyano llena el Gran Teatro de La Habana",
}

QS = []


def Q(cat, text, facts, srcs, ev=None, label=None, follows=None):
    QS.append(dict(cat=cat, text=text, facts=facts, srcs=srcs.split(), ev=ev,
                   label=label, follows=follows, answerable=True))


def N(cat, text, absent=None, looks=None):
    QS.append(dict(cat=cat, text=text, facts=[], srcs=[], ev=None, label=None,
                   follows=None, answerable=False, absent=absent or [], looks=looks or []))


# ------------------------------------------------------------------ factoid
F = "factoid"
Q(F, "how many aid workers were in the second brigade that went to azerbaijan?", ["120"], "R A05",
  ["second brigade of 120 aid workers", "The brigade of 120 specialists"])
Q(F, "which cuban contingent did the doctors sent to azerbaijan belong to", ["Henry Reeve"], "R A02 A03 A04",
  ["members of the Henry Reeve", "part of Cuba's Henry Reeve", "integrantes del Contingente Internacional Henry Reeve"])
Q(F, "who's the azerbaijani health minister that talked with portal miranda?", ["Teymur Musayev"], "R A11 A13 A17",
  ["Minister of Health of Azerbaijan. Teymur Musayev", "su homólogo azerbaiyano, Teymur Musayev",
   "agreed in Baku in March by Minister Musayev", "was opened by Minister of Health Teymur Musayev"])
Q(F, "Who led the Cuban delegation to the NAM contact group summit in Baku?", ["Valdés Mesa"], "R A11",
  ["led by Vice President Salvador Valdés Mesa", "El vicepresidente cubano Salvador Valdés Mesa fue recibido"])
Q(F, "up to which month were the 77,000+ patients counted?", ["July 2021"], "R", ["Until July 2021"])
Q(F, "what did the first arrival of cuban health professionals in 2020 mark for the two countries", ["milestone"], "R")
Q(F, "relations between cuba and azerbaijan go back to what era?", ["USSR"], "R", ["which date back to the times of the USSR"])
Q(F, "Which Azerbaijani president received the Cuban delegation led by Valdés Mesa?", ["Ilham Aliye"], "R A11",
  ["During the meeting with the Azerbaijani President, Ilham Aliye", "por el presidente de Azerbaiyán, Ilham Aliyev"])
Q(F, "When did Cuba hold the NAM chairmanship?", ["2006", "2009"], "A01", ["Cuba chaired the movement from 2006 to 2009"])
Q(F, "who did fajardo oliva have talks with at the 2019 summit in baku", ["Ramin Sadigov"], "A01",
  ["held talks with Azerbaijan's Deputy Foreign Minister Ramin Sadigov"])
Q(F, "where were the cuban cinema week films going to be screened in baku?", ["Nizami"], "A01")
Q(F, "Which country handed the Non-Aligned chairmanship to Azerbaijan?", ["Venezuela"], "A01")
Q(F, "when did cuba and azerbaijan establish diplomatic relations", ["1992"], "A01 A04 A19",
  ["established diplomatic relations in 1992", "mantienen relaciones diplomáticas desde 1992", "relações diplomáticas, em 1992"])
Q(F, "what's the name of the final document adopted at the 2019 NAM summit?", ["Baku Declaration"], "A01")
Q(F, "how many nurses were in the frist brigade?", ["52"], "A02", ["52 nurses"])
Q(F, "what province is the head of the first cuban brigade from", ["Camagüey"], "A02 A03 A04",
  ["an intensive care specialist from the province of Camagüey", "de la provincia de Camagüey"])
Q(F, "How long was the adaptation period before the first Cubans started work?", ["14-day"], "A02 A03")
Q(F, "When was the health ministries' agreement covering the mission costs signed?", ["May 15"], "A02 A03")
Q(F, "wich airport did the first brigade land at", ["Heydar Aliyev International Airport"], "A02 A03",
  ["landed at Heydar Aliyev International Airport"])
Q(F, "How long was the first brigade supposed to stay initially?", ["three months"], "A02 A03")
Q(F, "how many women were in the first cuban brigade", ["61"], "A04", ["61 son mujeres"])
Q(F, "Who handed the Cuban flag to the brigade leader at the send-off in Havana?", ["Portal Miranda"], "A04",
  ["entregó la bandera cubana"])
Q(F, "how many of the first brigade had fought ebola before?", ["22"], "A04", ["22 integraron"])
Q(F, "When did the second brigade arrive in Baku?", ["September 12, 2020"], "A05")
Q(F, "who headed the second cuban brigade", ["Reinaldo Castellanos Fuentes"], "A05 A06",
  ["is headed by Dr. Reinaldo Castellanos Fuentes", "Dr. Reinaldo Castellanos Fuentes, head of the second brigade"])
Q(F, "how many doctors were in the second brigade?", ["57"], "A05", ["including 57 doctors"])
Q(F, "whats the covid hotline number in azerbaijan", ["1542"], "A05")
Q(F, "When did 45 members of the first brigade fly back to Cuba?", ["September 20"], "A05")
Q(F, "How many Cuban medics got the Taraggi medal?", ["26"], "A06", ["26 members of the brigades received"])
Q(F, "who handed over the medals to the cuban doctors in 2021", ["Elshad Gurbanov"], "A06",
  ["The medals were handed over by Deputy Minister of Health Elshad Gurbanov"])
Q(F, "On what day did the last Cuban medics leave Baku?", ["August 1"], "A06")
Q(F, "which city did the cubans fly home via in 2021?", ["Istanbul"], "A06")
Q(F, "How many Abdala doses came in the first shipment?", ["150 mil | 150,000 | 150 000 | 150.000"], "A07", ["com 150 mil doses"])
Q(F, "who developed the abdala vaccine", ["CIGB | Centro de Engenharia Genética e Biotecnologia"], "A07",
  ["A Abdala foi desenvolvida pelo Centro"])
Q(F, "who is the rector of azerbaijan medicla university", ["Zaur Hajiyev"], "A08 A17",
  ["by Rector Professor Zaur Hajiyev", "Professor Zaur Hajiyev, and visited"])
Q(F, "who signed the memorandum for the havana medical university", ["Marlene Oquendo Ruiz"], "A08",
  ["Rector of the University of Medical Sciences of Havana. Marlene Oquendo Ruiz"])
Q(F, "How many patients took part in the joint interferon study?", ["310"], "A08")
Q(F, "how many textbooks did the cuban ambassador give the AMU library", ["120"], "A08", ["120 Cuban medical textbooks"])
Q(F, "where do the azerbaijani med students stay in havana?", ["Salvador Allende"], "A09")
Q(F, "who is the CEO of AzerBioPharm", ["Tofig Mirzayev"], "A10 A13 A17",
  ["said Tofig Mirzayev, chief executive", "AzerBioPharm chief executive Tofig Mirzayev", "said Tofig Mirzayev, chief executive of AzerBioPharm"])
Q(F, "When did Cuba Ron open its office in Baku?", ["November 2022"], "A10")
Q(F, "how many tonnes of cuban sugar went to the imishli refinery", ["11,000"], "A10")
Q(F, "Which Georgian port does the Cuban sugar come through?", ["Poti"], "A10")
Q(F, "what annual trade target did havana set?", ["50 million"], "A10 A18",
  ["hoped to reach USD 50 million", "The target of 50 million dollars"])
Q(F, "Where did Valdés Mesa lay flowers before leaving Baku?", ["Heydar Aliyev"], "A11",
  ["depositó una ofrenda floral ante la tumba"])
Q(F, "What day was the third round of political consultations held?", ["June 19"], "A12")
Q(F, "who received ramin sadigov at biocubafarma", ["Osmany Labrada Vidal"], "A12")
Q(F, "What stake does BioCubaFarma have in CubAz Biotech?", ["49 percent"], "A13")
Q(F, "how many jobs was the sumgait plant supposed to create", ["140"], "A13")
Q(F, "how far is the sumgait industrial park from baku", ["30 kilometres"], "A13")
Q(F, "Who represented the Cuban embassy at the Sumgait groundbreaking?", ["Yanet Cruz Machado"], "A13")
Q(F, "In how many hospitals was Heberprot-P already used?", ["14 hospitals"], "A13")
Q(F, "how many students does yunior have in his course this semester", ["42"], "A14")
Q(F, "hwo coaches the azerbaijani youth boxers?", ["Ariel Hechavarría Soler"], "A14")
Q(F, "whats the salsa bar on nizami street called", ["Malecón"], "A14")
Q(F, "Who finished second behind Mammadli?", ["Lázaro Bermúdez Ortiz"], "A15", ["half a point ahead of Cuban grandmaster Lázaro Bermúdez Ortiz"])
Q(F, "whats mamadli's rating", ["2681"], "A15")
Q(F, "who's tarlan mammadli's coach?", ["Rauf Alakbarov"], "A15")
Q(F, "Which deputy minister welcomed the Cuban students at ASOIU?", ["Leyla Aghazade"], "A16",
  ["Deputy Minister of Science and Education. Leyla Aghazade"])
Q(F, "how many people applied for the ASOIU scholarships for cubans?", ["300"], "A16")
Q(F, "how many vials were in the first batch from the sumgait plant", ["80,000"], "A17")
Q(F, "Who's the director of the Sumgait plant?", ["Aysel Karimova"], "A17")
Q(F, "When was the CubAz Biotech plant inaugurated?", ["April 14"], "A17")
Q(F, "how many azerbaijani artists performed at the opening gala in havana", ["45"], "A20", ["45 artistas"])
Q(F, "where's the azerbaijani carpet exhibition in havana?", ["Casa de Asia"], "A20")

# ------------------------------------------------------------------ reworded
W = "reworded"
Q(W, "what else, apart from treating people, did the medics do before mid-2021?", ["teaching | trained", "research"], "R A06",
  ["as well as teaching and research activities", "The Cubans also trained 840"])
Q(W, "why did baku ask for more medics from havana", ["impact"], "R")
Q(W, "the cuban VP flew out for a meeting of which organisation?", ["Non-Aligned"], "R",
  ["as a result of the holding of the Summit of the Contact Group"])
Q(W, "where might cuban staff end up working later?", ["Azerbaijani institutions"], "R")
Q(W, "what's the end goal of the shared studies the med schools are after", ["clinical trials"], "R A08")
Q(W, "on the world stage, how do the two get along?", ["international organizations"], "R")
Q(W, "what was the count of nursing staff in the original team?", ["52"], "A02", ["52 nurses"])
Q(W, "who was in charge of the initial group of medics?", ["Yoandra Pérez Lamas"], "A02 A03 A04 A05",
  ["It is led by Dr. Yoandra Pérez Lamas", "la jefa de la brigada, la doctora Yoandra Pérez Lamas", "The head of the first brigade, Dr. Yoandra Pérez Lamas"])
Q(W, "what honour did two dozen-plus of the health workers get?", ["Taraggi"], "A06")
Q(W, "who put pen to paper for the havana school?", ["Marlene Oquendo Ruiz"], "A08",
  ["Rector of the University of Medical Sciences of Havana. Marlene Oquendo Ruiz"])
Q(W, "what was the island's top export to baku in 2022", ["sugar"], "A10", ["Raw cane sugar was the main Cuban product"])
Q(W, "who owns the bigger stake in the factory venture near the caspian?", ["AzerBioPharm"], "A13 A17",
  ["AzerBioPharm 51 percent", "the majority partner in the joint venture"])
Q(W, "who's the azeri guy that took the top spot at the big board game event over there", ["Tarlan Mammadli"], "A15",
  ["Azerbaijani grandmaster Tarlan Mammadli won"])
Q(W, "who greeted the new arrivals at the oil school in september 2024?", ["Leyla Aghazade"], "A16",
  ["Deputy Minister of Science and Education. Leyla Aghazade"])
Q(W, "how large was the opening production run?", ["80,000"], "A17")
Q(W, "by the time the second group showed up, how many sick people had the earlier team seen?", ["21,300"], "A05")
Q(W, "how many local staff were taught to handle the sickest cases?", ["840"], "A06")
Q(W, "how many girls are in the group of young azeris studying to be doctors in havana?", ["18"], "A09", ["18 muchachas"])
Q(W, "how big a slice of baku's overall commerce does the island represent?", ["0.1 percent"], "A10")
Q(W, "what travel paperwork rule changed for officials in june 2023?", ["visa"], "A12")
Q(W, "how many azeri specialists go to havana to learn the tech?", ["Ten"], "A13 A17",
  ["Ten Azerbaijani engineers and chemists", "ten of whom were trained"])
Q(W, "what's the price of a cocktail at that friday dance night?", ["12 manat"], "A14")
Q(W, "what's planned for the island's youngsters this summer under the chess deal?", ["camp"], "A15",
  ["eight young Cuban players will travel to Baku in August"])
Q(W, "how much pocket money do the students from havana get every month?", ["200 manat"], "A16")
Q(W, "what problem is pushing up oil product sales to the caribbean?", ["shortages"], "A18",
  ["to ease the fuel shortages"])
Q(W, "who sang at the opening gala in havana's big theatre?", ["Rufat Ibrahimli"], "A20")
Q(W, "how much commerce was there back in 2019?", ["five million"], "A01")
Q(W, "what did the medics bring with them in terms of gear?", ["3.4 | three tonnes"], "A02 A03",
  ["The brigade brought"])
Q(W, "what did the health chiefs agree to set up in march 2023?", ["working group | grupo de trabajo"], "A11 A13",
  ["Ambos acordaron crear un grupo de trabajo", "This plant is the direct result of the working group"])
Q(W, "roughly how many bottles of island rum found buyers there last year?", ["420 mil | 420,000 | 420 000 | 420.000"], "A19", ["420 mil garrafas"])
Q(W, "which firm shipped the diesel to the island last year?", ["Caspian Fuel Trading"], "A19")
Q(W, "which performing arts week was planned for late 2023?", ["Days of Azerbaijani Culture | Jornadas de la Cultura"], "A12 A20",
  ["Days of Azerbaijani Culture will be held in Cuba", "comenzaron el lunes 20 de noviembre las Jornadas"])

# ------------------------------------------------------------------ list
L = "list"
Q(L, "besides health, what other areas did they want to expand relations in?", ["tourism", "education", "agriculture", "culture"], "R",
  ["such as tourism, education, agriculture and culture"])
Q(L, "which two fields did musayev and portal miranda think had a promising future", ["pharmaceuticals", "biotechnology"], "R",
  ["promising future in the field of pharmaceuticals and biotechnology"])
Q(L, "In which cities did the first Cuban brigade work?", ["Baku", "Ganja | Ganyá", "Sumgait"], "A02 A03 A04",
  ["distributed among hospitals in Baku, Ganja and Sumgait", "trabajarán en hospitales de Bakú, Ganyá y Sumgait"])
Q(L, "name the cities where the cuban brigades worked by the end of the mission", ["Lankaran", "Shaki", "Ganja", "Sumgait"], "A06",
  ["11 hospitals in Baku, Ganja, Sumgait, Lankaran and Shaki"])
Q(L, "what oil products does azerbaijan sell to cuba?", ["lubricants", "diesel", "bitumen"], "A10",
  ["such as lubricants, diesel fuel and bitumen"])
Q(L, "what does cuba sell to azerbaijan", ["sugar | açúcar", "pharmaceuticals | medicamentos", "rum", "cigars | charutos"], "A10 A18 A19",
  ["followed by pharmaceuticals (USD 1.8 million)", "followed by pharmaceuticals at USD 3.2 million", "Cuba exporta sobretudo açúcar bruto"])
Q(L, "Which countries will the Sumgait plant export to?", ["Kazakhstan", "Uzbekistan", "Georgia"], "A13",
  ["later exported to Kazakhstan, Uzbekistan and Georgia"])
Q(L, "what medicines is the sumgait plant meant to make", ["interferon", "Heberprot-P"], "A13 A17",
  ["1.2 million vials a year of recombinant interferon alfa-2b", "when production of Heberprot-P"])
Q(L, "which specialties will the 60 cuban specialists cover from sept 2025?", ["ophthalmology", "nephrology", "rehabilitation"], "A17")
Q(L, "what subjects are the cuban students taking at ASOIU", ["petroleum engineering", "chemical engineering", "geology"], "A16",
  ["will study petroleum engineering"])
Q(L, "Who laid the foundation stone of the biotech plant?", ["Teymur Musayev", "Nurlan Seyidli", "Osmany Labrada Vidal"], "A13",
  ["The foundation stone was laid by"])
Q(L, "what will the two medical universities do under the memorandum?", ["lecturers", "master's", "clinical trials"], "A08",
  ["exchange up to ten lecturers a year"])
Q(L, "which provinces do most of the ASOIU cuban students come from", ["Cienfuegos", "Matanzas", "Havana"], "A16",
  ["from the provinces of Cienfuegos, Matanzas and Havana"])
Q(L, "whose vaccines was azerbaijan already using before abdala?", ["China", "Reino Unido | United Kingdom", "Rússia | Russia"], "A07",
  ["O país já aplicava vacinas"])
Q(L, "which famous players have won the capablanca memorial", ["Smyslov", "Spassky", "Ivanchuk"], "A15")
Q(L, "What's on the programme of the Azerbaijani culture days in Havana?", ["conciertos | concerts", "danza | dance", "cine | film | cinema", "alfombras | carpets"], "A20",
  ["con conciertos, danza, cine y una exposición de alfombras"])
Q(L, "who met the first brigade at the airport in may 2020?", ["Elshad Gurbanov", "Mirta Quesada Ferrer"], "A02 A03",
  ["The brigade was met at the airport by"])
Q(L, "which cuban products could sell in azerbaijan according to the ambassador in 2019", ["rum", "cigars", "medicines"], "A01",
  ["Cuban rum, cigars and medicines"])

# ------------------------------------------------------------------ metadata
M = "metadata"
Q(M, "who wrote 'Interest in deepening cooperation in health'?", ["Maria Josefina Arce"], "R", ["fm:author"])
Q(M, "which outlet published the piece about deepening health cooperation by maria josefina arce", ["Radio Habana Cuba"], "R", ["fm:outlet"])
Q(M, "link to the radio habana article on deepening cooperation in health?", ["315585-interest-in-deepening-cooperation-in-health"], "R", ["fm:url"])
Q(M, "When was the Caspian Business Times story on trade tripling in 2022 published?",
  ["2023-02-15 | 15 February 2023 | February 15, 2023"], "A10", ["fm:published"])
Q(M, "who wrote the article about the first azerbaijani medical students arriving in havana", ["Yamilé Ortega Ruz"], "A09", ["fm:author"])
Q(M, "which outlet ran 'Cuban doctors land in Azerbaijan for coronavirus mission'?", ["Baku Evening Post"], "A03", ["fm:outlet"])
Q(M, "who's the author of the caucasus notebook post about the cuban doctor who came back", ["Hannah Lindqvist"], "A14", ["fm:author"])
Q(M, "when was the ASOIU news item on the cuban students published?",
  ["2024-09-20 | 20 September 2024 | September 20, 2024"], "A16", ["fm:published"])
Q(M, "what outlet put out 'Second group of Cuban doctors arrives in Azerbaijan'?", ["Ministry of Health"], "A05", ["fm:outlet"])
Q(M, "who wrote the portuguese article on abdala arriving in azerbaijan", ["Ricardo Menezes"], "A07", ["fm:author"])
Q(M, "got a link to the CNA story on the sumgait groundbreaking?", ["caspian-news-agency.example/en/economy/2023/10/10"], "A13", ["fm:url"])
Q(M, "Which outlet published the piece on mugam at the Gran Teatro de La Habana?", ["Portal Cultural Habanero"], "A20", ["fm:outlet"])
Q(M, "who wrote the radio habana cuba story about the 117-strong brigade?", ["Lidia Cárdenas Vega"], "A04", ["fm:author"])
Q(M, "When did Jornal Sul Global publish its Abdala story?", ["2021-10-15 | 15 October 2021 | October 15, 2021"], "A07", ["fm:published"])
Q(M, "who wrote 'Cuba trade hits record USD 41.9 million as diesel sales rise'", ["Farid Nasibov"], "A18", ["fm:author"])
Q(M, "publication date of 'Cuban medics wrap up Azerbaijan mission after 14 months'?",
  ["2021-08-03 | 3 August 2021 | August 3, 2021"], "A06", ["fm:published"])
Q(M, "which agency carried the spanish story on valdés mesa meeting aliyev", ["Agencia Antillana de Noticias"], "A11", ["fm:outlet"])
Q(M, "who wrote the CNA report on mammadli's capablanca win?", ["Elvin Rzayev"], "A15", ["fm:author"])
Q(M, "Who authored the AMU news item about the memorandum with Havana?", ["Nigar Jafarova"], "A08", ["fm:author"])
Q(M, "where can i read the minrex release on the third round of consultations? link pls", ["minrex.example/en/press/2023/06/20"], "A12", ["fm:url"])
Q(M, "When was the Diário Económico Lusófono piece on record trade published?",
  ["2025-03-10 | 10 March 2025 | March 10, 2025"], "A19", ["fm:published"])
Q(M, "which paper carried gunel abbasova's story on the interferon plant opening", ["Azeri Daily Herald"], "A17", ["fm:outlet"])
Q(M, "which two outlets ran elvin rzayev's story on the first brigade landing in may 2020?",
  ["Caspian News Agency", "Baku Evening Post"], "A02 A03", ["fm:outlet"])
Q(M, "Who wrote the article on the Sumgait plant groundbreaking?", ["Samira Hashimova"], "A13", ["fm:author"])

# ------------------------------------------------------------------ dated
D = "dated"
Q(D, "How many patients had the first brigade seen by September 2020?", ["21,300"], "A05")
Q(D, "how much was azerbaijan-cuba trade in 2021", ["9.1 million | nove milhões"], "A10 A19",
  ["compared with USD 9.1 million in 2021", "Em 2021 o comércio mal chegava a nove milhões"])
Q(D, "what was bilateral trade worth in 2023?", ["36.2 million"], "A18")
Q(D, "how much did azerbaijan export to cuba in 2024", ["30.4 million"], "A18")
Q(D, "How much did Azerbaijan export to Cuba in 2022?", ["19.7 million"], "A10")
Q(D, "what were cuban pharma sales to azerbaijan in 2024?", ["3.2 million"], "A18")
Q(D, "How much were Cuban pharmaceutical exports to Azerbaijan worth in 2022?", ["1.8 million"], "A10")
Q(D, "who was cuba's ambassador in baku in 2020", ["Mirta Quesada Ferrer"], "A02 A03 A04 A05",
  ["by Cuba's ambassador in Baku, Mirta Quesada Ferrer", "la embajadora de Cuba en Azerbaiyán, Mirta Quesada Ferrer",
   "The Ambassador of the Republic of Cuba, Mirta Quesada Ferrer"])
Q(D, "Who was Cuba's ambassador to Azerbaijan in 2024?", ["Julio César Benítez Arencibia"], "A14 A16",
  ["The new Cuban ambassador, Julio César Benítez Arencibia", "Cuba's Ambassador Julio César Benítez Arencibia"])
Q(D, "what happened in sumgait on october 9, 2023?", ["Construction"], "A13", ["Construction of a plant"])
Q(D, "When exactly was Portal Miranda in Baku in 2025?", ["April 13 to 15"], "A17")
Q(D, "who did fajardo oliva sit down with in havana in june 2023", ["Ramin Sadigov"], "A12",
  ["the Azerbaijani delegation by Deputy Foreign Minister Ramin Sadigov"])
Q(D, "What was Cuban raw sugar worth in sales to Azerbaijan in 2024?", ["6.1 million"], "A18")
Q(D, "what did the two chess federations sign on may 18, 2024?", ["training camps"], "A15")
Q(D, "which cuban deputy minister was in baku in january 2025?", ["Ileana Soto Carbonell"], "A18 A19",
  ["Cuba's Deputy Minister of Foreign Trade and Foreign Investment, Ileana Soto Carbonell",
   "A vice-ministra cubana do Comércio Externo, Ileana Soto Carbonell"])
Q(D, "Who came to Baku in January 2023 with a delegation of 12 Cuban companies?", ["Nélida Guerra Sotolongo"], "A10")
Q(D, "where was the 2020 round of political consultations held?", ["Baku"], "A12", ["The previous rounds were held in Baku"])
Q(D, "what did azerbaijani rum imports from cuba amount to in 2022?", ["1.1 million"], "A10")

# ------------------------------------------------------------------ conflict
C = "conflict"
Q(C, "How many health workers were in the first Cuban brigade?", ["115", "117"], "A02 A03 A04 A14",
  ["A brigade of 115 Cuban health workers", "Una brigada de 117 colaboradores", "one of the 115 doctors"])
Q(C, "what date did the first cuban brigade arrive in azerbaijan", ["May 23", "25 de mayo | May 25 | 25 May"], "A02 A03 A04",
  ["arrived in Azerbaijan on Saturday, May 23", "arribó el 25 de mayo"])
Q(C, "how many patients did the cuban brigades treat in azerbaijan in total?", ["77,000 | 77 000", "74,500"], "R A06 A11 A17",
  ["the Cubans attended to more than 77,000 patients", "the two Cuban brigades attended to 74,500 patients",
   "atendieron a más de 77 000 pacientes", "had treated more than 77,000 patients"])
Q(C, "How many Azerbaijani students went to study medicine in Havana in 2022?", ["25", "Treinta | 30 | thirty"], "A08 A09",
  ["a first group of 25 students", "Treinta jóvenes de Azerbaiyán"])
Q(C, "what was cuba-azerbaijan trade worth in 2022", ["28.4", "31 million"], "A10 A12",
  ["reaching USD 28.4 million in 2022", "Bilateral trade reached USD 31 million in 2022"])
Q(C, "How big was bilateral trade in 2024?", ["41.9", "44,7 | 44.7"], "A18 A19",
  ["reached a record USD 41.9 million in 2024", "atingiu 44,7 milhões de dólares em 2024"])
Q(C, "how many doses of abdala did azerbaijan buy in 2021?", ["500,000", "600 mil | 600,000"], "A07 A08",
  ["of which Azerbaijan bought 500,000 doses in 2021", "um total de 600 mil doses"])
Q(C, "How much did the Sumgait biotech plant cost?", ["24 million", "26.5 million"], "A13 A17",
  ["The investment is put at USD 24 million", "The plant, which cost USD 26.5 million"])
Q(C, "in how many hospitals did the cuban brigades work during covid?", ["11", "12"], "A06 A17",
  ["had worked in 11 hospitals", "in 12 Azerbaijani hospitals"])
Q(C, "i saw two different numbers for the size of the first cuban team, which one is right?", ["115", "117"], "A02 A03 A04 A14",
  ["A brigade of 115 Cuban health workers", "Una brigada de 117 colaboradores", "one of the 115 doctors"])
Q(C, "how many lecturers a year do AMU and the Havana medical university exchange?", ["ten", "12"], "A08 A09",
  ["exchange up to ten lecturers a year", "intercambio de hasta 12 profesores al año"])
Q(C, "what's the total number of patients the cuban medics attended up to july 2021", ["77,000", "74,500"], "R A06",
  ["the Cubans attended to more than 77,000 patients", "the two Cuban brigades attended to 74,500 patients"])

# ------------------------------------------------------------------ broad
B = "broad"
Q(B, "What do Cuba and Azerbaijan cooperate on?", ["health | medical | doctors", "biotechnology | pharmaceutical | interferon", "trade"], "R A02 A13 A10",
  ["promising future in the field of pharmaceuticals and biotechnology", "A brigade of 115 Cuban health workers",
   "Construction of a plant to produce Cuban-developed biotechnology medicines", "Trade between Azerbaijan and Cuba more than tripled"])
Q(B, "give me an overview of the health cooperation between the two countries", ["brigade", "COVID"], "R A02 A05 A06",
  ["a second brigade of 120 aid workers", "A brigade of 115 Cuban health workers", "A second brigade of Cuban health workers arrived",
   "The last members of the Cuban medical brigades that worked in Azerbaijan during the COVID-19 pandemic"])
Q(B, "how have the economic ties developed over the years?", ["trade", "sugar", "diesel | oil products"], "A01 A10 A18",
  ["said trade between the two countries remained", "Trade between Azerbaijan and Cuba more than tripled",
   "Raw cane sugar was the main Cuban product", "driven by diesel fuel and lubricants"])
Q(B, "what's the education side of the relationship", ["students", "medicine | scholarship"], "A08 A09 A16",
  ["The agreement also opens the way for Azerbaijani students to study medicine in Havana",
   "los primeros de ese país que cursarán la carrera de Medicina", "Forty students from Cuba began their studies"])
Q(B, "summarize the biotech cooperation for me", ["interferon", "Sumgait", "Abdala"], "A07 A13 A17",
  ["o primeiro lote da vacina cubana contra a covid-19 Abdala", "1.2 million vials a year of recombinant interferon alfa-2b",
   "The CubAz Biotech plant in the Sumgait Chemical Industrial Park was inaugurated"])
Q(B, "are there any cultural or sports links?", ["chess", "mugam | boxing | salsa"], "A14 A15 A20",
  ["Capablanca Memorial chess tournament", "hired by the Azerbaijan Boxing Federation", "las Jornadas de la Cultura de Azerbaiyán en Cuba"])
Q(B, "how do the two countries work together diplomatically", ["Non-Aligned", "consultations"], "A01 A12 R",
  ["Cuba will support Azerbaijan throughout its chairmanship of the Non-Aligned Movement",
   "The third round of political consultations", "close cooperation in international organizations"])
Q(B, "tell me about cuba-azerbaijan relations in the last few years", ["health | doctors", "trade"], "R A06 A18 A17",
  ["Hence, health is one of the areas", "The last members of the Cuban medical brigades",
   "Azerbaijan's trade with Cuba reached a record", "the first medicine based on Cuban biotechnology to be made in Azerbaijan"])
Q(B, "what's the story of the sumgait plant from start to finish?", ["October 9", "April 14"], "A11 A13 A17",
  ["Ambos acordaron crear un grupo de trabajo", "Construction of a plant to produce Cuban-developed biotechnology medicines started on Monday, October 9",
   "was inaugurated on April 14"])
Q(B, "what came out of the cuban delegation's trip for the NAM contact group summit?", ["health", "pharmaceuticals | farmacéuticos"], "R A11 A13",
  ["especially in health", "promising future in the field of pharmaceuticals", "con prioridad para el sector de la salud",
   "grupo de trabajo conjunto sobre productos farmacéuticos", "This plant is the direct result of the working group"])

# ------------------------------------------------------------------ followup
U = "followup"
Q(U, "Who led the first Cuban brigade to Azerbaijan?", ["Yoandra Pérez Lamas"], "A02 A03 A04 A05",
  ["It is led by Dr. Yoandra Pérez Lamas", "la jefa de la brigada, la doctora Yoandra Pérez Lamas", "The head of the first brigade, Dr. Yoandra Pérez Lamas"],
  label="u1")
Q(U, "and where is she from?", ["Camagüey"], "A02 A03 A04",
  ["an intensive care specialist from the province of Camagüey", "de la provincia de Camagüey"], follows="u1")
Q(U, "how many people were in the second brigade sent to azerbaijan", ["120"], "R A05",
  ["second brigade of 120 aid workers", "The brigade of 120 specialists"], label="u2")
Q(U, "and who was in charge of it?", ["Reinaldo Castellanos Fuentes"], "A05 A06",
  ["is headed by Dr. Reinaldo Castellanos Fuentes", "Dr. Reinaldo Castellanos Fuentes, head of the second brigade"], follows="u2")
Q(U, "Who was Teymur Musayev's Cuban counterpart in the talks in Baku?", ["Portal Miranda"], "R A11 A13 A17",
  ["Minister of Health of Azerbaijan. Teymur Musayev, to his Cuban counterpart", "el ministro de Salud Pública, José Ángel Portal Miranda, sostuvo",
   "agreed in Baku in March by Minister Musayev", "Portal Miranda and Musayev signed an agreement"], label="u3")
Q(U, "what did the two of them think had a promising future?", ["pharmaceuticals", "biotechnology"], "R",
  ["promising future in the field of pharmaceuticals and biotechnology"], follows="u3")
Q(U, "When did construction of the Sumgait biotech plant start?", ["October 9"], "A13", label="u4")
Q(U, "how much was it going to cost back then?", ["24 million"], "A13", follows="u4")
Q(U, "who won the capablanca memorial in 2024", ["Tarlan Mammadli"], "A15", ["Azerbaijani grandmaster Tarlan Mammadli won"], label="u5")
Q(U, "how old is he", ["24"], "A15", ["Mammadli, 24"], follows="u5")
Q(U, "How much was Azerbaijan-Cuba trade in 2024 according to the State Customs Committee?", ["41.9"], "A18",
  ["reached a record USD 41.9 million in 2024"], label="u6")
Q(U, "and the year before?", ["36.2"], "A18", follows="u6")
Q(U, "who signed the AMU-Havana memorandum for AMU?", ["Zaur Hajiyev"], "A08", ["by Rector Professor Zaur Hajiyev"], label="u7")
Q(U, "and who signed for the cuban side", ["Marlene Oquendo Ruiz"], "A08",
  ["Rector of the University of Medical Sciences of Havana. Marlene Oquendo Ruiz"], follows="u7")
Q(U, "How many Cuban students started at ASOIU in September 2024?", ["Forty"], "A16", ["Forty students from Cuba"], label="u8")
Q(U, "whats their monthly stipend", ["200 manat"], "A16", follows="u8")
Q(U, "what contingent were the cuban doctors in azerbaijan part of?", ["Henry Reeve"], "R A02 A03 A04",
  ["members of the Henry Reeve", "part of Cuba's Henry Reeve", "integrantes del Contingente Internacional Henry Reeve"], label="u9")
Q(U, "what is that contingent specialised in?", ["Disasters", "Serious Epidemics"], "R A02 A03",
  ["Specialized in Situations of Disasters"], follows="u9")
Q(U, "which cuban vice president went to baku for the NAM contact group summit", ["Salvador Valdés Mesa"], "R A11",
  ["led by Vice President Salvador Valdés Mesa", "El vicepresidente cubano Salvador Valdés Mesa"], label="u10")
Q(U, "What was the summit about?", ["post-pandemic recovery | recuperación pospandemia"], "R A11",
  ["on post-pandemic recovery", "sobre la recuperación pospandemia"], follows="u10")
Q(U, "who is the new cuban ambassador in baku?", ["Julio César Benítez Arencibia"], "A14 A16 A17",
  ["The new Cuban ambassador, Julio César Benítez Arencibia", "Cuba's Ambassador Julio César Benítez Arencibia",
   "Cuban ambassador Julio César Benítez Arencibia said"], label="u11")
Q(U, "when did he get there?", ["January"], "A14", ["who arrived in January"], follows="u11")
Q(U, "Where do the Azerbaijani medical students in Havana live?", ["Salvador Allende"], "A09", label="u12")
Q(U, "and who's their tutor?", ["Ernesto Pupo Lorenzo"], "A09", follows="u12")

# ------------------------------------------------------------------ near_miss
NM = "near_miss"
N(NM, "When was Yoandra Pérez Lamas born?", [r"P[ée]rez Lamas[^.]*\b(born|nacid|nascid)", r"\b(was|were) born\b", r"\bborn (in|on) (19|20)\d\d", r"\bnacid[ao] (en|el)\b"], ["Yoandra Pérez Lamas"])
N(NM, "how old is marlene oquendo ruiz", [r"Oquendo Ruiz, \d\d", r"Oquendo Ruiz[^.]*\d\d (years|años)"], ["Marlene Oquendo Ruiz"])
N(NM, "what's the population of sumgait?", [r"Sumgait[^.]*(inhabitants|residents|population|habitantes)", r"population of"], ["Sumgait"])
N(NM, "How much did one dose of Abdala cost Azerbaijan?", [r"(per|por|cada) dose", r"dose[^.]*(USD|\$|dólares|manat)"], ["Abdala"])
N(NM, "what did the whole cuban medical mission in azerbaijan cost in dollars?", [r"mission[^.]{0,60}(USD|\$|dollars)\s?\d", r"(USD|\$)\s?\d[\d.,]*( million)?[^.]{0,30}mission", r"(misión|missão)[^.]{0,60}(USD|\$|dólares)"], ["costs of the mission"])
N(NM, "how many people died of covid in azerbaijan in 2020", [r"\bdied\b", r"\bdeaths?\b", r"muertes|fallecid|mortes|óbitos"], ["COVID-19"])
N(NM, "whats tofig mirzayev's patronymic", [r"Mirzayev\s+\w+\s+(oglu|oğlu)", r"patronymic"], ["Tofig Mirzayev"])
N(NM, "What was Cuba's GDP in 2023?", [r"\bGDP\b", r"\bPIB\b", r"gross domestic"], ["Cuba"])
N(NM, "How much will the 60 Cuban specialists be paid per month?", [r"specialists[^.]*(USD|\$|manat) ?\d", r"\bsalar"], ["paid service contracts"])
N(NM, "what time does the salsa night at malecón start?", [r"\d\d?(:\d\d)? ?(pm|p\.m\.|am|o'clock)", r"\b(at|from) \d\d?(:\d\d)\b"], ["Malecón"])
N(NM, "How many games did Mammadli actually win in Havana?", [r"Mammadli[^.]*\bwon \w+ games", r"\b(wins|victories)\b"], ["Mammadli"])
N(NM, "who won the capablanca memorial in 2023?", [r"2023[^.]*Capablanca", r"Capablanca[^.]*2023"], ["Capablanca Memorial"])
N(NM, "when did cuba open its embassy in baku", [r"embass\w*[^.]*(opened|inaugurat|abri|since) ", r"(opened|inaugurat)[^.]*embass"], ["Cuban embassy"])
N(NM, "what price per tonne did cuba pay for azerbaijani diesel?", [r"(per|por) (tonne|tonelada)", r"a tonelada"], ["diesel fuel"])
N(NM, "Who is the president of BioCubaFarma?", [r"(?<!vice )president of BioCubaFarma", r"BioCubaFarma (president|chairman)", r"(?<!vice)presidente d[ae] BioCubaFarma"], ["BioCubaFarma vice president"])
N(NM, "who's the director general of the CIGB", [r"director (general )?of the (CIGB|Center for Genetic)", r"diretor(a)? (geral )?do CIGB"], ["diretora de relações internacionais do CIGB"])
N(NM, "What's the name of Azerbaijan's foreign minister?", [r"(?<!Deputy )Foreign Minister [A-Z]\w+ [A-Z]", r"(?<!Deputy )Minister of Foreign Affairs [A-Z]"], ["Deputy Foreign Minister Ramin Sadigov"])
N(NM, "how much revenue does the sumgait interferon plant make a year?", [r"revenue", r"turnover", r"sales of (USD|\$)"], ["CubAz Biotech"])
N(NM, "How many tickets were sold for the mugam gala in Havana?", [r"(tickets|entradas|boletos)"], ["mugam"])
N(NM, "when was leyla aghazade appointed deputy minister", [r"Aghazade[^.]*appointed", r"appointed[^.]*Aghazade"], ["Leyla Aghazade"])
N(NM, "how many of the cuban students at ASOIU are women?", [r"\d+ (women|girls|female)", r"\b(women|girls|female) students\b"], ["Forty students from Cuba"])
N(NM, "How much does medical school tuition in Havana cost the Azerbaijani government per student?", [r"matrícula[^.]*(USD|\$|dólares)", r"(USD|\$|dólares)[^.]*matrícula"], ["gastos de matrícula"])
N(NM, "what's the efficacy of soberana 02?", [r"Soberana[^.]*\d+[.,]\d+ ?%", r"Soberana[^.]*eficácia"], ["Soberana 02"])
N(NM, "how many patients did the cubans treat in lankaran?", [r"Lankaran[^.]*\d[\d,]* patients", r"\d[\d,]* patients[^.]*Lankaran"], ["Lankaran"])
N(NM, "how many bottles of cuban rum were sold in azerbaijan in 2022?", [r"2022[^.]*(bottles|garrafas)", r"(bottles|garrafas)[^.]*2022"], ["rum (USD 1.1 million)"])
N(NM, "How many tonnes of sugar did Cuba ship to Azerbaijan in 2024?", [r"(sugar|açúcar)[^.]*2024[^.]*(tonnes|toneladas)", r"2024[^.]*(tonnes|toneladas)[^.]*(sugar|açúcar)", r"(tonnes|toneladas) (of|de) (raw |cane )*(sugar|açúcar)"], ["Raw cane sugar remained the main Cuban product"])
N(NM, "who was azerbaijan's ambassador to cuba before kamran safarli?", [r"(predecessor|predecesor|antecessor)", r"before Safarli", r"former ambassador"], ["Kamran Safarli"])
N(NM, "what are the exact dates of the ballet nacional de cuba tour in baku?", [r"Ballet Nacional[^.]*\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"], ["Ballet Nacional de Cuba"])
N(NM, "How many Azerbaijanis were vaccinated with Abdala?", [r"\d[\d,. ]* (pessoas|people|personas)[^.]*(vacinad|vaccinat|vacunad)", r"(vacinad|vaccinated|vacunad)[^.]*\d[\d,. ]* (pessoas|people|personas)"], ["Abdala"])
N(NM, "what was cuba-azerbaijan trade in 2020?", [r"(trade|comercio|comércio)[^.]*2020", r"2020[^.]*(trade|comercio|comércio)"], ["USD 9.1 million in 2021"])
N(NM, "on what date was 'Interest in deepening cooperation in health' published?", [r"published: \d"], ["Interest in deepening cooperation in health"])
N(NM, "how old is salvador valdés mesa", [r"Valdés Mesa, \d\d", r"Valdés Mesa[^.]*\d\d (years|años)"], ["Salvador Valdés Mesa"])

# ------------------------------------------------------------------ off_topic
O = "off_topic"
for t in [
    "what's the weather like in paris this weekend?",
    "who won the champions league final in 2022",
    "give me a good recipe for chocolate chip cookies",
    "how do i reverse a linked list in python",
    "What is the capital of Australia?",
    "anyone know a cheap flight from London to Tokyo?",
    "how many calories are in a banana",
    "who painted the mona lisa",
    "what's the best graphics card for gaming under 500 bucks?",
    "How tall is Mount Everest?",
    "can you recommend a good sci-fi novel",
    "what time is it in sydney rn",
    "How do I fix a flat bicycle tire?",
    "who is the lead singer of coldplay",
    "whats the exchange rate between the euro and the yen today",
    "How do I get rid of aphids on my tomato plants?",
]:
    N(O, t)

# ------------------------------------------------------------------ spanish
S = "spanish"
Q(S, "¿Quién encabezó la delegación cubana a la cumbre del Grupo de Contacto del MNOAL en Bakú?", ["Valdés Mesa"], "R A11",
  ["led by Vice President Salvador Valdés Mesa", "El vicepresidente cubano Salvador Valdés Mesa fue recibido"])
Q(S, "como se llama el ministro de salud de azerbaiyan?", ["Teymur Musayev"], "R A11 A13 A17",
  ["Minister of Health of Azerbaijan. Teymur Musayev", "su homólogo azerbaiyano, Teymur Musayev",
   "The foundation stone was laid by Minister of Health Teymur Musayev", "was opened by Minister of Health Teymur Musayev"])
Q(S, "¿De cuántos integrantes era la segunda brigada?", ["120"], "R A05",
  ["second brigade of 120 aid workers", "The brigade of 120 specialists"])
Q(S, "cuantas mujeres habia en la primera brigada", ["61"], "A04", ["61 son mujeres"])
Q(S, "¿Cuándo llegaron a La Habana los estudiantes azerbaiyanos de Medicina?", ["5 de septiembre | September 5 | 5 September"], "A09", ["llegaron el 5 de septiembre"])
Q(S, "¿Quién es la rectora de la Universidad de Ciencias Médicas de La Habana?", ["Marlene Oquendo Ruiz"], "A08 A09",
  ["Rector of the University of Medical Sciences of Havana. Marlene Oquendo Ruiz", "la doctora Marlene Oquendo Ruiz"])
Q(S, "¿Cuánto costó la planta de Sumgait?", ["24 million | 24 millones", "26.5 million | 26,5 millones"], "A13 A17",
  ["The investment is put at USD 24 million", "The plant, which cost USD 26.5 million"])
Q(S, "que vacuna cubana recibio azerbaiyan?", ["Abdala"], "A07 A08",
  ["o primeiro lote da vacina cubana contra a covid-19 Abdala", "the Cuban Abdala vaccine"])
Q(S, "¿Quién ganó el Memorial Capablanca en 2024?", ["Tarlan Mammadli"], "A15", ["Azerbaijani grandmaster Tarlan Mammadli won"])
Q(S, "¿A cuánto ascendió el comercio bilateral en 2023?", ["36.2 | 36,2"], "A18")
Q(S, "¿Qué cantante actuó en la gala inaugural de las Jornadas de la Cultura de Azerbaiyán?", ["Rufat Ibrahimli"], "A20")
Q(S, "¿en qué ciudades trabajó la primera brigada médica?", ["Baku | Bakú", "Ganja | Ganyá", "Sumgait"], "A02 A03 A04",
  ["distributed among hospitals in Baku, Ganja and Sumgait", "trabajarán en hospitales de Bakú, Ganyá y Sumgait"])
Q(S, "¿Cuántos pacientes atendieron los médicos cubanos hasta julio de 2021?", ["77,000 | 77 000 | 77.000", "74,500 | 74.500 | 74 500"], "R A06",
  ["the Cubans attended to more than 77,000 patients", "the two Cuban brigades attended to 74,500 patients"])
N(S, "¿Cuánto gana al mes un médico cubano en Azerbaiyán?")
N(S, "¿Cuál es el precio del azúcar cubano en Bakú?")
N(S, "¿Quién ganó la Liga española la temporada pasada?")

# ------------------------------------------------------------------ portuguese
P = "portuguese"
Q(P, "Quantos profissionais de saúde vieram na segunda brigada cubana?", ["120"], "R A05",
  ["second brigade of 120 aid workers", "The brigade of 120 specialists"])
Q(P, "quem e o ministro da saude do azerbaijao", ["Teymur Musayev"], "R A11 A13 A17",
  ["Minister of Health of Azerbaijan. Teymur Musayev", "su homólogo azerbaiyano, Teymur Musayev",
   "The foundation stone was laid by Minister of Health Teymur Musayev", "was opened by Minister of Health Teymur Musayev"])
Q(P, "Quantas doses tinha o primeiro lote da Abdala?", ["150 mil | 150 000 | 150.000 | 150,000"], "A07", ["com 150 mil doses"])
Q(P, "qual é a eficácia da vacina abdala?", ["92,28 | 92.28"], "A07")
Q(P, "Quantas toneladas de gasóleo o Azerbaijão enviou para Cuba em 2024?", ["60 mil | 60 000 | 60.000 | 60,000"], "A19", ["cerca de 60 mil toneladas"])
Q(P, "Quem dirige a AzerBioPharm?", ["Tofig Mirzayev"], "A10 A13 A17",
  ["said Tofig Mirzayev, chief executive", "AzerBioPharm chief executive Tofig Mirzayev", "said Tofig Mirzayev, chief executive of AzerBioPharm"])
Q(P, "Onde fica a fábrica de interferão cubana no Azerbaijão?", ["Sumgait"], "A13 A17 A19 A18 A14",
  ["Construction of a plant to produce Cuban-developed biotechnology medicines started",
   "The CubAz Biotech plant in the Sumgait Chemical Industrial Park", "A fábrica de interferão construída em Sumgait",
   "for the interferon plant under construction in Sumgait", "the biotech plant being built in Sumgait"])
Q(P, "quem chefiava a primeira brigada cubana?", ["Yoandra Pérez Lamas"], "A02 A03 A04 A05",
  ["It is led by Dr. Yoandra Pérez Lamas", "la jefa de la brigada, la doctora Yoandra Pérez Lamas", "The head of the first brigade, Dr. Yoandra Pérez Lamas"])
N(P, "Quanto custava cada garrafa de rum cubano no Azerbaijão?")
N(P, "Qual é a população do Azerbaijão?")


# ================================================================== build

ABBR = {"Dr", "Dra", "Mr", "Mrs", "Ms", "Prof", "St", "No", "Sr", "Sra", "Lic"}


def sentence_spans(text):
    spans, start = [], 0
    for m in re.finditer(r"([.!?][\"”»)]?)(\s+)|\n\n", text):
        if m.group(0) == "\n\n":
            spans.append((start, m.start()))
            start = m.end()
            continue
        nxt = text[m.end():m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“¿¡(«"):
            continue
        before = re.search(r"(\S+)$", text[start:m.start()])
        if before and before.group(1).lstrip("(\"“") in ABBR:
            continue
        spans.append((start, m.start() + len(m.group(1))))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def expand(text, hint):
    i = text.find(hint)
    if i < 0:
        return None
    if text.find(hint, i + 1) >= 0:
        raise SystemExit(f"hint {hint!r} occurs twice in one article")
    spans = sentence_spans(text)
    touched = [s for s in spans if s[0] < i + len(hint) and s[1] > i]
    return text[touched[0][0]:touched[-1][1]]


def main():
    arts = check.load_corpus()
    for k, t in ART.items():
        assert t in arts, t
    out, nm, labels = [], {}, {}
    counters, splits = {}, {}
    for q in QS:
        cat = q["cat"]
        counters[cat] = counters.get(cat, 0) + 1
        qid = f"{check.CATEGORIES[cat][0]}{counters[cat]:03d}"
        if q["follows"]:
            split = labels[q["follows"]][1]
        else:
            n = splits.get(cat, 0)
            split = "dev" if n % 2 == 0 else "test"
            splits[cat] = n + 1
        if q["label"]:
            labels[q["label"]] = (qid, split)
        rec = {"id": qid, "question": q["text"], "category": cat, "split": split,
               "answerable": q["answerable"], "facts": q["facts"],
               "sources": [ART[s] for s in q["srcs"]]}
        if q["answerable"]:
            hints = q["ev"] or [f.split("|")[0].strip() for f in q["facts"]]
            pieces = []
            for h in hints:
                found = False
                for s in q["srcs"]:
                    a = arts[ART[s]]
                    if h.startswith("fm:"):
                        key = h[3:]
                        p = f"{key}: {a['meta'][key]}"
                    else:
                        p = expand(a["text"], h)
                    if p is not None:
                        found = True
                        if p not in pieces:
                            pieces.append(p)
                if not found:
                    raise SystemExit(f"{qid}: hint {h!r} in none of {q['srcs']}")
            rec["evidence"] = check.PIECE_SEP.join(pieces)
            # warn when an unlisted article also holds every fact
            for t, a in arts.items():
                if t in rec["sources"]:
                    continue
                low = a["text"].lower()
                if all(any(x.strip().lower() in low for x in f.split("|")) for f in q["facts"]):
                    print(f"warning: {qid} ({q['text']}): {t!r} also holds {q['facts']}")
        if q["follows"]:
            rec["follows"] = labels[q["follows"]][0]
        if cat == "near_miss":
            nm[qid] = {"question": q["text"], "absent": q["absent"], "looks_like": q["looks"]}
        out.append(rec)
    with open(os.path.join(HERE, "questions.jsonl"), "w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "near_miss_checks.json"), "w", encoding="utf-8") as f:
        json.dump(nm, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(out)} questions")


if __name__ == "__main__":
    main()

"""Digitise ``routes/frontlines.geojson``: the front lines of 1 June 1944 to 1 May 1945.

The lines are drawn by hand at the map's scale (tens of km) through the towns whose capture on
or about the date the sources name (the comments give the towns), following rivers where the
front stood on a river. Each line is `approximate` unless it follows a river line the sources
name for that date (the Vistula bridgeheads on 12 January 1945, the Rhine on 24 March, the
Oder and Neisse on 16 April, the Elbe and Mulde on 25 April), which is `documented`.

Run ``python -m mapgen.data.make_frontlines`` after editing; the output is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "routes" / "frontlines.geojson"

EAST_SRC = ["ams-atlas-battle-fronts", "cmh-ziemke-stalingrad-berlin"]
BALKANS_SRC = ["ams-atlas-battle-fronts", "cmh-ziemke-stalingrad-berlin"]

# --- reusable pieces (lon, lat) ------------------------------------------------------------
NARVA_PEIPUS = [(28.05, 59.45), (28.2, 59.37), (27.9, 59.0), (27.7, 58.85), (27.55, 58.4),
                (27.7, 58.0), (27.95, 57.85)]                        # Narva, Narva river, Lake Peipus, Lake Pskov
COURLAND = [(23.05, 57.1), (23.0, 56.85), (22.6, 56.65), (22.45, 56.55), (22.0, 56.45),
            (21.35, 56.4), (21.05, 56.3)]                            # Tukums - Dobele - Auce - Priekule - coast
MEMEL = [(21.13, 55.85), (21.3, 55.75), (21.25, 55.6), (21.15, 55.55)]  # arc round Memel (Klaipėda)
EAST_PRUSSIA_BORDER_NOV = [(21.3, 55.3), (21.9, 55.1), (22.3, 54.95), (22.55, 54.65),
                           (22.45, 54.4), (22.6, 54.2), (22.8, 53.95)]  # Neman mouth, Tilsit, Ebenrode (Nesterov), Goldap, to the Augustów lakes
NAREW_VISTULA = [(22.8, 53.95), (22.6, 53.6), (22.3, 53.3), (22.05, 53.18), (21.6, 53.0),
                 (21.4, 52.9), (21.15, 52.75), (21.05, 52.6), (21.15, 52.45), (21.06, 52.27),
                 (21.15, 52.0), (21.0, 51.85), (21.25, 51.75), (21.55, 51.6), (21.75, 51.5),
                 (21.9, 51.4), (21.95, 51.1), (21.85, 50.9), (21.4, 50.8), (21.15, 50.6),
                 (21.0, 50.35), (21.15, 50.1), (21.55, 49.8), (21.7, 49.45)]
# Augustów - Osowiec - Łomża - Różan and Serock bridgeheads on the Narew - Praga (Warsaw's east
# bank) - Vistula - Magnuszew bridgehead - Puławy - Sandomierz (Baranów) bridgehead round Opatów
# and Staszów - Szczucin - east of Tarnów and Jasło - Dukla pass
CARPATHIANS_1944 = [(21.7, 49.45), (22.3, 49.2), (22.9, 49.0), (23.6, 48.7), (24.3, 48.35)]

SYRMIA = [(18.9, 45.85), (18.95, 45.55), (19.05, 45.35), (19.2, 45.12), (19.1, 44.9)]  # Drava mouth, Vukovar, Šid, Sava

ODER_1945 = [(14.6, 53.43), (14.35, 53.05), (14.45, 52.72), (14.38, 52.55), (14.55, 52.35),
             (14.6, 52.25), (14.73, 52.07), (14.72, 51.95), (14.68, 51.72), (14.72, 51.5),
             (14.95, 51.22), (15.0, 51.15)]
# Stettin (Altdamm) - Schwedt - Kienitz - Küstrin bridgehead below the Seelow heights - Frankfurt
# (Oder) - the Neisse mouth at Ratzdorf - Guben - Forst - Muskau - Görlitz
BRESLAU = [(16.85, 51.18), (17.15, 51.2), (17.2, 51.05), (16.9, 51.0), (16.85, 51.18)]  # ring round Breslau

WEST_ITALY_WINTER = [(10.15, 44.0), (10.45, 44.08), (10.85, 44.18), (11.05, 44.25), (11.3, 44.35),
                     (11.48, 44.3), (11.75, 44.27), (11.9, 44.35), (12.0, 44.45), (12.15, 44.55),
                     (12.28, 44.6)]
# Cinquale (Massa) - Serchio valley (Barga) - Porretta - south of Vergato - Livergnano -
# Monte Grande - Senio river east of Faenza - Alfonsine - Lake Comacchio

LINES: list[dict] = []


def add(date, front, coords, certainty="approximate", sources=None, note=""):
    parts = coords if isinstance(coords[0], list) else [coords]
    LINES.append({"date": date, "front": front, "parts": parts, "certainty": certainty,
                  "sources": sources or (EAST_SRC if front == "east" else BALKANS_SRC), "note": note})


# ---------------------------------------------------------------- EAST (Baltic to Carpathians)
EAST_JUNE = NARVA_PEIPUS + [(28.6, 57.75), (29.1, 57.2), (29.35, 56.6), (29.0, 56.1), (29.2, 55.7),
                            (30.3, 55.4), (30.6, 55.1), (30.9, 54.7), (30.9, 54.0), (30.4, 53.3),
                            (30.0, 52.9), (29.1, 52.3), (28.2, 51.95), (26.5, 51.7), (25.35, 51.3),
                            (25.2, 50.6), (25.3, 50.1), (25.2, 49.5), (25.0, 49.0), (24.9, 48.5),
                            (24.9, 48.1)]
# Pskov held by the Germans - Pustoshka - east of Polotsk - round Vitebsk - east of Orsha and
# Mogilev on the Pronya - Rogachev/Zhlobin - Mozyr - the Pripet marshes - east of Kovel - Brody
# - west of Ternopil - Kolomyia - the Carpathians
NOTE_JUNE = "Before Operation Bagration (22 June): the line from Narva round the Vitebsk salient to Kovel and the Carpathians"
add("1944-06-01", "east", EAST_JUNE, note=NOTE_JUNE)
add("1944-06-06", "east", EAST_JUNE, note=NOTE_JUNE)
add("1944-07-01", "east", NARVA_PEIPUS + [(28.6, 57.75), (29.1, 57.2), (29.0, 56.2), (28.85, 55.55),
                                          (28.7, 54.9), (28.5, 54.25), (27.85, 53.9), (27.55, 53.0),
                                          (26.8, 52.3), (26.2, 52.05), (25.35, 51.3), (25.2, 50.6),
                                          (25.3, 50.1), (25.2, 49.5), (25.0, 49.0), (24.9, 48.5), (24.9, 48.1)],
    note="Operation Bagration under way: Vitebsk, Bobruisk and Borisov taken; the Red Army at the gates of Minsk (taken 3 July)")
add("1944-08-01", "east", [NARVA_PEIPUS + [(27.5, 57.6), (26.9, 57.2), (26.2, 56.85), (24.8, 56.65),
                                           (23.7, 56.65), (23.15, 57.0)],
                           [(23.15, 57.0), (22.9, 56.6), (22.7, 56.0), (23.1, 55.4), (23.9, 54.9),
                            (23.6, 54.5), (23.3, 53.95), (22.95, 53.5), (22.3, 52.9), (21.9, 52.6),
                            (21.3, 52.3), (21.4, 51.8), (21.6, 51.6), (21.8, 51.4), (21.9, 51.1),
                            (21.6, 50.7), (21.5, 50.45), (21.9, 50.05), (22.5, 49.95), (22.6, 49.6),
                            (23.4, 49.3), (24.3, 48.9), (24.7, 48.4), (24.9, 48.1)]],
    note="The Red Army on the Gulf of Riga at Tukums (30 July), at Kaunas (1 August), before Warsaw and across the Vistula at Baranów; Lwów (27 July) and Przemyśl taken")
EAST_SEPT = NARVA_PEIPUS[:6] + [(26.75, 58.35), (26.0, 57.8), (25.6, 57.3), (25.0, 56.9), (24.2, 56.45),
                                (23.7, 56.55), (23.2, 56.55), (22.7, 56.0), (23.0, 55.4), (22.6, 54.9)] + \
    [(22.8, 54.3), (22.8, 53.95)] + NAREW_VISTULA[1:] + CARPATHIANS_1944[1:]
add("1944-09-01", "east", EAST_SEPT,
    note="The halt on the Vistula after Operation Bagration (end of August): Warsaw's east bank, the Magnuszew, Puławy and Baranów bridgeheads; Tartu taken 25 August")
add("1944-10-01", "east", [[(23.4, 58.6), (24.0, 58.3)],
                           [(24.4, 57.3), (24.85, 57.15), (24.6, 56.8), (24.2, 56.4), (23.7, 56.55),
                            (23.2, 56.55), (22.7, 56.0), (23.0, 55.4), (22.6, 54.9), (22.8, 54.3),
                            (22.8, 53.95)] + NAREW_VISTULA[1:] + CARPATHIANS_1944[1:]],
    note="Estonia's mainland taken (Tallinn 22 September); the Red Army before Riga; the Battle of the Dukla Pass in the Carpathians")
NOV = [COURLAND, MEMEL, EAST_PRUSSIA_BORDER_NOV + NAREW_VISTULA[1:] +
       [(21.6, 49.3), (22.0, 49.0), (22.3, 48.62)]]
add("1944-11-01", "east", NOV,
    note="Riga taken 13 October; the Courland pocket and Memel cut off; the Gumbinnen offensive halted at the East Prussian border; Uzhhorod taken 27 October")
add("1944-12-01", "east", [COURLAND, MEMEL, EAST_PRUSSIA_BORDER_NOV + NAREW_VISTULA[1:] +
                           [(21.6, 49.3), (21.9, 48.95), (21.95, 48.75)]],
    note="Unchanged from the Baltic to the Carpathians; in eastern Slovakia the Red Army near Humenné and Michalovce")
VISTULA_JAN = [COURLAND, MEMEL, EAST_PRUSSIA_BORDER_NOV + NAREW_VISTULA[1:] +
               [(21.5, 49.2), (21.45, 48.95), (21.45, 48.7)]]
add("1945-01-01", "east", VISTULA_JAN, note="The front of the Vistula and the Narew, held since August")
add("1945-01-12", "east", VISTULA_JAN, certainty="documented",
    note="12 January 1945: the Vistula–Oder offensive begins from the Baranów (Sandomierz) bridgehead; Warsaw is taken on 17 January, Kraków on 19 January and Auschwitz reached on 27 January")
add("1945-02-01", "east", [COURLAND,
                           [(20.55, 54.95), (20.7, 54.72), (20.45, 54.6), (20.5, 54.45), (20.45, 54.28),
                            (20.13, 54.12), (19.8, 54.2), (19.55, 54.3)],
                           [(19.45, 54.22), (19.2, 54.05), (18.8, 53.7), (18.5, 53.4), (17.5, 53.35),
                            (16.47, 53.27), (15.85, 53.17), (14.9, 53.1), (14.45, 52.67), (14.64, 52.58),
                            (14.62, 52.35), (15.4, 52.2), (15.5, 52.0), (15.9, 51.75), (16.43, 51.41),
                            (17.1, 51.2), (17.3, 50.95), (17.47, 50.86), (17.92, 50.67), (18.15, 50.33),
                            (18.45, 50.05), (18.9, 49.85), (19.6, 49.5), (20.1, 49.4), (20.3, 49.1),
                            (19.7, 48.7), (19.7, 48.25), (18.95, 48.05), (18.75, 47.8)]],
    note="The Red Army on the Oder at Kienitz (31 January) and at Küstrin; bridgeheads across the Oder between Steinau and Oppeln; East Prussia cut off at the Frisches Haff; Königsberg besieged")
MAR1 = [COURLAND,
        [(20.55, 54.95), (20.7, 54.72), (20.4, 54.62), (20.3, 54.45), (19.9, 54.3), (19.6, 54.35)],
        [(19.45, 54.25), (19.4, 54.16), (19.03, 54.04), (18.8, 53.86), (17.6, 53.9), (16.7, 53.7),
         (15.8, 53.53), (15.03, 53.34), (14.5, 53.3)] + ODER_1945[1:] +
        [(15.29, 51.12), (16.2, 51.0), (16.5, 50.95)], BRESLAU,
        [(17.06, 50.78), (17.36, 50.71), (17.92, 50.67), (18.15, 50.33), (18.3, 50.1), (18.46, 50.0),
         (18.9, 49.85), (19.3, 49.45), (19.3, 49.1), (19.2, 48.7), (19.7, 48.25), (18.95, 48.05), (18.75, 47.8)]]
add("1945-03-01", "east", MAR1,
    note="The Oder and the Neisse reached (Lower Silesian offensive, February); Breslau besieged; the East Pomeranian offensive under way; Königsberg and the coast south of it held by the Germans")
add("1945-03-24", "east", [COURLAND,
                           [(20.55, 54.95), (20.7, 54.72), (20.4, 54.62)],
                           [(18.4, 54.72), (18.4, 54.5), (18.5, 54.35), (18.78, 54.22), (19.35, 54.28)],
                           ODER_1945 + [(15.29, 51.12), (16.2, 51.0), (16.5, 50.95)], BRESLAU,
                           [(17.06, 50.78), (17.33, 50.47), (17.83, 50.2), (18.2, 50.08), (18.46, 50.0),
                            (18.9, 49.85), (19.3, 49.45), (19.3, 49.1), (19.15, 48.75), (18.6, 48.25),
                            (18.75, 47.8)]],
    note="The Red Army on the Baltic coast (Kolberg 18 March); Danzig and Gdynia besieged; Neisse and Leobschütz taken in the Upper Silesian offensive; Küstrin besieged")
APR1_EAST = [COURLAND, [(20.55, 54.95), (20.7, 54.72), (20.4, 54.62)],
             [(18.75, 54.37), (19.0, 54.2), (19.35, 54.28)],
             ODER_1945 + [(15.29, 51.12), (16.2, 51.0), (16.5, 50.95)], BRESLAU,
             [(17.06, 50.78), (17.33, 50.47), (17.7, 50.1), (18.2, 49.95), (18.6, 49.8), (19.2, 49.6),
              (19.3, 49.1), (19.0, 48.7), (18.1, 48.3), (17.3, 48.1)]]
add("1945-04-01", "east", APR1_EAST,
    note="Danzig and Gdynia taken (end of March); Ratibor taken 31 March; the Red Army in western Slovakia before Bratislava")
add("1945-04-16", "east", [COURLAND, [(20.1, 54.95), (20.3, 54.75), (20.05, 54.65)],
                           [(18.75, 54.37), (19.0, 54.2), (19.35, 54.28)],
                           ODER_1945 + [(15.29, 51.12), (16.2, 51.0), (16.5, 50.95)], BRESLAU,
                           [(17.06, 50.78), (17.33, 50.47), (17.7, 50.1), (18.2, 49.95), (18.6, 49.8),
                            (18.9, 49.5), (18.3, 49.2), (17.6, 48.95), (17.0, 48.75), (16.6, 48.6)]],
    certainty="documented",
    note="16 April 1945: the Berlin offensive opens from the Oder (Seelow heights) and the Neisse; Königsberg taken 9 April")
add("1945-04-25", "east", [COURLAND, [(18.75, 54.37), (19.0, 54.2), (19.35, 54.28)],
                           [(14.3, 53.65), (13.99, 53.5), (13.86, 53.32), (13.5, 53.12), (13.24, 52.75),
                            (12.88, 52.6), (12.85, 52.47), (12.97, 52.24), (12.87, 52.05), (13.0, 51.56),
                            (13.2, 51.35), (13.55, 51.2), (14.42, 51.18), (15.0, 51.15), (15.29, 51.12),
                            (16.2, 51.0), (16.5, 50.95)], BRESLAU,
                           [(17.06, 50.78), (17.33, 50.47), (17.9, 49.94), (18.28, 49.83), (18.3, 49.5),
                            (17.6, 49.25), (16.61, 49.2), (16.2, 48.7)]],
    note="25 April 1945: Berlin encircled; Soviet and American troops meet on the Elbe at Torgau; Brno taken 26 April")
add("1945-05-01", "east", [COURLAND, [(18.75, 54.37), (19.0, 54.2), (19.35, 54.28)],
                           [(13.09, 54.31), (13.05, 53.9), (13.07, 53.36), (12.8, 52.92), (12.34, 52.6),
                            (12.55, 52.41), (12.7, 52.1), (12.65, 51.87), (13.0, 51.56), (13.3, 51.3),
                            (14.42, 51.18), (15.0, 51.15), (15.29, 51.12), (16.2, 51.0), (16.5, 50.95)],
                           [(17.06, 50.78), (17.33, 50.47), (17.9, 49.94), (18.3, 49.83), (18.3, 49.5),
                            (17.6, 49.3), (16.61, 49.25), (16.2, 48.7)]],
    note="Berlin fighting its last day (capitulation 2 May); Breslau still besieged (until 6 May)")

# ---------------------------------------------------------------- BALKANS and Hungary
ROMANIA_1944 = [(25.35, 47.5), (26.1, 47.3), (26.95, 47.25), (27.6, 47.3), (28.3, 47.2),
                (29.16, 47.27), (29.6, 46.85), (30.2, 46.35)]
# Vatra Dornei - north of Târgu Frumos - north of Iași - Dubăsari on the Dniester - Tiraspol - estuary
for d in ("1944-06-01", "1944-06-06", "1944-07-01", "1944-08-01"):
    add(d, "balkans", ROMANIA_1944, note="The front in northern Romania, from the Carpathians north of Iași to the Dniester, until the Jassy–Kishinev offensive of 20 August")
add("1944-09-01", "balkans", [(25.35, 47.35), (25.35, 46.92), (25.9, 46.4), (25.6, 45.7), (24.5, 46.3),
                              (23.8, 46.5), (22.5, 46.8)],
    note="Romania changed sides on 23 August; the line follows the Carpathians and the Hungarian–Romanian border of 1940 in Transylvania, where German and Hungarian troops held")
add("1944-10-01", "balkans", [(24.3, 48.35), (24.8, 47.1), (24.55, 46.54), (23.78, 46.57), (22.5, 46.7),
                              (21.3, 46.3), (21.0, 45.7), (21.3, 45.1), (22.5, 44.6), (22.3, 43.9),
                              (22.6, 43.15), (22.7, 42.3), (23.0, 41.5)],
    note="Bulgaria at war with Germany since 9 September; Soviet troops at the Yugoslav border; the Germans withdrawing from Greece. Partisan-held land behind the line is not shown")
add("1944-11-01", "balkans", [(22.3, 48.62), (22.1, 48.4), (21.7, 47.95), (20.6, 47.2), (19.7, 46.9),
                              (19.5, 46.4), (18.95, 46.15), (18.95, 45.55), (19.05, 45.35), (19.2, 45.12), (19.1, 44.9)],
    note="Belgrade taken 20 October; the Red Army between the Tisza and the Danube at Kecskemét; the Syrmian front forming west of Belgrade")
add("1944-12-01", "balkans", [(21.95, 48.75), (21.3, 48.4), (20.9, 48.1), (20.3, 47.8), (19.67, 47.67),
                              (19.3, 47.45), (19.0, 47.2), (18.93, 46.8), (18.7, 46.35), (17.8, 46.37),
                              (17.45, 45.96)] + SYRMIA,
    note="The Red Army at the eastern edge of Budapest, across the Danube and south of Lake Balaton to the Drava")
JAN_BALKANS = [(21.45, 48.7), (20.6, 48.45), (19.7, 48.2), (18.95, 48.05), (18.75, 47.8), (18.64, 47.48),
               (18.6, 47.2), (18.1, 46.95), (17.5, 46.6), (17.45, 45.96)] + SYRMIA
add("1945-01-01", "balkans", JAN_BALKANS,
    note="Budapest encircled (26 December) and besieged until 13 February (not drawn); the line runs from southern Slovakia along the Ipeľ and the Hron to Esztergom, past Lake Velence and Lake Balaton to the Drava")
add("1945-01-12", "balkans", JAN_BALKANS,
    note="Budapest besieged (not drawn); German relief attacks north and west of the city")
add("1945-02-01", "balkans", [(18.75, 47.8), (18.64, 47.48), (18.6, 47.2), (18.4, 47.0), (18.1, 46.88),
                              (17.6, 46.5), (17.45, 45.96)] + SYRMIA,
    note="Pest taken 18 January; Buda still besieged (until 13 February, not drawn)")
add("1945-03-01", "balkans", [(18.75, 47.8), (18.64, 47.48), (18.6, 47.2), (18.1, 46.88), (17.6, 46.5),
                              (17.45, 45.96)] + SYRMIA,
    note="Before the German Lake Balaton offensive of 6 March")
add("1945-03-24", "balkans", [(18.75, 47.8), (18.32, 47.65), (17.9, 47.09), (17.4, 46.8), (16.99, 46.45),
                              (17.45, 45.96)] + SYRMIA,
    note="The Vienna offensive under way: Székesfehérvár and Veszprém taken (22–23 March)")
add("1945-04-01", "balkans", [(17.3, 48.1), (17.1, 47.85), (16.6, 47.68), (16.6, 47.25), (16.6, 46.9),
                              (16.99, 46.45), (17.45, 45.96)] + SYRMIA,
    note="The Red Army at the Austrian border (Sopron 1 April); Nagykanizsa taken 2 April")
add("1945-04-16", "balkans", [(16.6, 48.6), (16.2, 48.35), (15.63, 48.2), (15.6, 47.9), (15.85, 47.65),
                              (16.0, 47.1), (16.0, 46.7), (16.4, 46.3), (17.38, 45.83), (18.0, 45.55),
                              (18.1, 45.15)],
    note="Vienna taken 13 April; St. Pölten 15 April; the Syrmian front broken by the Yugoslav partisans on 12 April")
add("1945-04-25", "balkans", [(16.2, 48.7), (16.2, 48.35), (15.63, 48.2), (15.6, 47.9), (15.85, 47.65),
                              (16.0, 47.1), (16.0, 46.7), (16.3, 46.3), (16.8, 45.9), (17.4, 45.5)],
    note="South of Vienna the front stood still until the capitulation; in Croatia the partisans advancing on Zagreb")
add("1945-05-01", "balkans", [(16.2, 48.7), (16.2, 48.35), (15.63, 48.2), (15.6, 47.9), (15.85, 47.65),
                              (16.0, 47.1), (16.0, 46.7), (16.2, 46.3), (16.1, 45.9)],
    note="The last week of the war")

# ---------------------------------------------------------------- WEST
WSRC = {"1944-06": ["ams-atlas-battle-fronts", "cmh-normandy"],
        "1944-07": ["ams-atlas-battle-fronts", "cmh-normandy"],
        "1944-08": ["ams-atlas-battle-fronts", "cmh-northern-france"],
        "1944-09": ["ams-atlas-battle-fronts", "cmh-northern-france"],
        "1944-10": ["ams-atlas-battle-fronts", "cmh-rhineland"],
        "1944-11": ["ams-atlas-battle-fronts", "cmh-rhineland"],
        "1944-12": ["ams-atlas-battle-fronts", "cmh-rhineland"],
        "1945-01": ["ams-atlas-battle-fronts", "cmh-ardennes"],
        "1945-02": ["ams-atlas-battle-fronts", "cmh-rhineland"],
        "1945-03": ["ams-atlas-battle-fronts", "cmh-rhineland", "cmh-central-europe"],
        "1945-04": ["ams-atlas-battle-fronts", "cmh-central-europe"],
        "1945-05": ["ams-atlas-battle-fronts", "cmh-central-europe"]}


def west(date, coords, certainty="approximate", note=""):
    add(date, "west", coords, certainty, WSRC[date[:7]], note)


west("1944-06-06", [[(-1.35, 49.45), (-1.32, 49.4), (-1.2, 49.36)],
                    [(-0.98, 49.39), (-0.93, 49.35), (-0.83, 49.35)],
                    [(-0.68, 49.35), (-0.62, 49.26), (-0.45, 49.26), (-0.33, 49.22), (-0.22, 49.28)]],
     note="6 June 1944, evening of D-Day: the beachheads of Utah, Omaha and Gold–Juno–Sword in Normandy")
west("1944-07-01", [(-1.69, 49.33), (-1.3, 49.25), (-1.09, 49.17), (-0.8, 49.09), (-0.62, 49.17),
                    (-0.45, 49.18), (-0.3, 49.2), (-0.13, 49.28)],
     note="The Normandy lodgement: Cherbourg taken (26–29 June); Caen still held by the Germans (until 9 July)")
west("1944-08-01", [(-1.4, 48.68), (-1.17, 48.72), (-1.06, 48.97), (-0.8, 49.05), (-0.6, 49.07),
                    (-0.35, 49.13), (-0.2, 49.2), (-0.13, 49.28)],
     note="After the breakout at Avranches (30–31 July); Brest, Lorient and Saint-Nazaire were held by German garrisons until May 1945 (not drawn)")
west("1944-09-01", [(1.08, 49.92), (1.83, 50.1), (2.3, 49.9), (2.78, 50.29), (3.62, 49.56), (4.95, 49.7),
                    (5.38, 49.16), (5.59, 48.76), (4.9, 48.5), (4.07, 48.3), (4.6, 47.4), (4.85, 45.76),
                    (5.7, 45.2), (7.0, 45.0), (7.4, 43.75)],
     note="Paris liberated 25 August; the Allies across the Seine, at Amiens and Verdun; from the Mediterranean landing (15 August) up the Rhône to Lyon (3 September)")
west("1944-10-01", [(3.3, 51.33), (4.4, 51.3), (4.95, 51.33), (5.4, 51.5), (5.85, 51.92), (5.93, 51.78),
                    (5.95, 51.6), (5.7, 51.25), (5.69, 50.85), (6.08, 50.78), (6.23, 50.77), (6.25, 50.5),
                    (6.12, 50.28), (6.42, 49.81), (6.17, 49.36), (6.1, 49.1), (6.06, 48.9), (6.5, 48.6),
                    (6.45, 48.17), (6.59, 47.9), (6.5, 47.68), (7.0, 47.5)],
     note="Antwerp taken but the Scheldt still German; the Nijmegen salient after Market Garden; Aachen besieged; Metz held by the Germans")
west("1944-11-01", [(3.5, 51.45), (4.6, 51.7), (5.3, 51.69), (5.85, 51.92), (5.93, 51.78), (5.95, 51.55),
                    (5.9, 51.2), (6.12, 50.96), (6.08, 50.78), (6.35, 50.7), (6.25, 50.5), (6.12, 50.28),
                    (6.42, 49.81), (6.17, 49.4), (6.1, 49.1), (6.06, 48.9), (6.5, 48.6), (6.74, 48.45),
                    (6.95, 48.28), (6.8, 48.0), (6.6, 47.75), (7.0, 47.5)],
     note="Aachen taken 21 October; the Scheldt being cleared; the Hürtgen Forest battle")
DEC_WEST = [(4.6, 51.68), (5.3, 51.73), (5.85, 51.92), (5.93, 51.78), (6.05, 51.5), (6.12, 50.96),
            (6.33, 50.92), (6.4, 50.78), (6.25, 50.5), (6.12, 50.28), (6.42, 49.81), (6.64, 49.44),
            (6.75, 49.3), (7.07, 49.1), (7.42, 49.05), (7.79, 48.82), (7.9, 48.72), (7.8, 48.58),
            (7.66, 48.42), (7.45, 48.26), (7.25, 48.1), (7.17, 47.8), (7.34, 47.75), (7.52, 47.72)]
west("1944-12-01", DEC_WEST, note="Metz (22 November), Strasbourg (23 November) and Mulhouse taken; the Colmar pocket held by the Germans west of the Rhine")
BULGE = [(6.22, 50.46), (6.03, 50.42), (5.9, 50.38), (5.7, 50.3), (5.35, 50.23), (5.22, 50.16),
         (5.37, 50.03), (5.6, 49.98), (5.72, 50.0), (5.85, 49.95), (6.1, 49.85), (6.4, 49.78)]
west("1945-01-01", DEC_WEST[:9] + BULGE + DEC_WEST[11:],
     note="The German Ardennes offensive (16 December) at its deepest, held at Bastogne and short of the Meuse; Operation Nordwind in northern Alsace begins")
west("1945-01-12", DEC_WEST[:9] + [(6.22, 50.46), (6.03, 50.42), (5.85, 50.3), (5.58, 50.18),
                                   (5.55, 50.1), (5.72, 50.0), (5.95, 49.9), (6.1, 49.85), (6.4, 49.78)] + DEC_WEST[11:],
     note="The Ardennes salient being cut back")
west("1945-02-01", DEC_WEST, note="The Ardennes salient gone (St. Vith retaken 23 January); the Colmar pocket being cleared (Colmar 2 February)")
west("1945-03-01", [(6.2, 51.85), (6.25, 51.73), (6.27, 51.67), (6.17, 51.37), (6.44, 51.19), (6.6, 51.15),
                    (6.55, 50.85), (6.65, 50.69), (6.42, 50.21), (6.53, 49.97), (6.64, 49.75), (6.55, 49.6),
                    (6.75, 49.3), (7.07, 49.1), (7.42, 49.05), (7.79, 48.82), (8.0, 48.78), (7.8, 48.58),
                    (7.58, 48.1), (7.6, 47.58)],
     note="The Roer crossed (23 February): Mönchengladbach and Venlo taken, the Rhine near; Trier taken 1–2 March")
west("1945-03-24", [[(4.3, 51.7), (5.3, 51.73), (5.85, 51.87), (6.2, 51.85), (6.45, 51.8), (6.7, 51.75),
                     (6.75, 51.6), (6.65, 51.55), (6.75, 51.3), (6.95, 50.95), (7.15, 50.73), (7.45, 50.65),
                     (7.4, 50.5), (7.3, 50.5), (7.6, 50.36), (8.27, 50.0), (8.5, 49.9), (8.55, 49.8),
                     (8.45, 49.7), (8.45, 49.45), (8.4, 49.2), (8.18, 48.98), (7.8, 48.58), (7.58, 48.1),
                     (7.6, 47.58)]], certainty="documented",
     note="The Rhine crossings: the Remagen bridgehead (since 7 March), Oppenheim (22 March) and Wesel (23–24 March)")
west("1945-04-01", [[(4.3, 51.7), (5.86, 51.84), (6.3, 52.0), (6.9, 52.22), (7.44, 52.28), (7.63, 51.96),
                     (8.35, 51.67), (8.75, 51.72), (9.14, 51.49), (9.48, 51.31), (9.71, 50.87), (9.68, 50.55),
                     (9.93, 49.8), (9.5, 49.5), (8.6, 49.12), (8.4, 49.0), (7.6, 47.58)],
                    [(6.75, 51.45), (6.96, 51.66), (7.18, 51.74), (7.82, 51.68), (8.35, 51.67), (8.57, 51.4),
                     (8.53, 51.19), (8.02, 50.87), (7.1, 50.73)]],
     note="The Ruhr encircled at Lippstadt (1 April): the inner line rings the German troops in the Ruhr pocket")
west("1945-04-16", [[(5.4, 52.35), (5.6, 52.0), (5.9, 51.95)],
                    [(6.57, 53.22), (7.3, 53.2), (8.1, 53.05), (8.8, 53.0), (9.84, 52.99), (10.56, 52.97),
                     (10.9, 53.2), (11.35, 53.05), (11.97, 52.54), (11.63, 52.13), (11.88, 51.97), (11.97, 51.48),
                     (12.37, 51.34), (12.5, 50.72), (11.92, 50.31), (11.58, 49.95), (11.08, 49.45), (10.0, 49.2),
                     (9.22, 49.14), (8.41, 48.46), (7.94, 48.47), (7.6, 48.1), (7.6, 47.58)]],
     note="The Americans on the Elbe at Magdeburg (Barby bridgehead); the Germans still holding the western Netherlands; the Ruhr pocket surrendering (18 April, not drawn)")
west("1945-04-25", [[(5.4, 52.35), (5.6, 52.0), (5.9, 51.95)],
                    [(6.9, 53.3), (7.3, 53.2), (8.1, 53.1), (8.8, 53.08), (9.3, 53.4), (9.98, 53.45),
                     (10.56, 53.37), (11.0, 53.2), (11.6, 53.0), (11.97, 52.54), (11.63, 52.13), (12.25, 51.83),
                     (12.32, 51.62), (12.63, 51.46), (12.73, 51.2), (12.8, 50.83), (12.37, 50.08), (12.2, 49.5),
                     (12.1, 49.02), (11.42, 48.77), (10.78, 48.72), (9.99, 48.4), (9.45, 47.55)]],
     certainty="documented",
     note="25 April 1945: the Americans on the Elbe and the Mulde meet the Red Army at Torgau; the British before Bremen and on the Elbe at Lauenburg")
west("1945-05-01", [[(5.4, 52.35), (5.6, 52.0), (5.9, 51.95)],
                    [(6.9, 53.3), (7.9, 53.2), (8.8, 53.3), (9.4, 53.6), (9.98, 53.45), (10.6, 53.45),
                     (11.0, 53.2), (11.6, 53.0), (11.97, 52.54), (11.63, 52.13), (12.25, 51.83), (12.32, 51.62),
                     (12.63, 51.46), (12.73, 51.2), (12.8, 50.83), (12.37, 50.08), (12.9, 49.5), (13.4, 48.6),
                     (13.04, 48.26), (12.9, 47.85), (12.17, 47.58), (11.4, 47.35), (10.2, 47.2), (9.75, 47.5)]],
     note="Munich taken 30 April; the British across the Elbe at Lauenburg (29 April); Hamburg surrenders on 3 May")

# ---------------------------------------------------------------- ITALY
ISRC = {"1944-06": ["ams-atlas-battle-fronts", "cmh-rome-arno"], "1944-07": ["ams-atlas-battle-fronts", "cmh-rome-arno"],
        "1944-08": ["ams-atlas-battle-fronts", "cmh-rome-arno"], "1944-09": ["ams-atlas-battle-fronts", "cmh-rome-arno", "cmh-north-apennines"]}


def italy(date, coords, note="", certainty="approximate"):
    add(date, "italy", coords, certainty, ISRC.get(date[:7], ["ams-atlas-battle-fronts", "cmh-north-apennines"] if date < "1945-04-05" else ["ams-atlas-battle-fronts", "cmh-po-valley"]), note)


italy("1944-06-01", [(12.55, 41.6), (12.78, 41.69), (12.92, 41.77), (13.2, 41.72), (13.61, 41.72),
                     (14.05, 41.8), (14.25, 42.1), (14.4, 42.36)],
      note="The breakout from Anzio and Cassino: Valmontone and Velletri reached; Rome is taken on 4 June")
italy("1944-06-06", [(12.07, 41.95), (12.4, 42.05), (12.8, 41.96), (13.3, 42.0), (13.43, 42.03),
                     (13.9, 42.15), (14.15, 42.3), (14.35, 42.38)],
      note="Rome taken on 4 June; the Allies north of the city")
italy("1944-07-01", [(10.52, 43.31), (11.33, 43.25), (12.1, 43.2), (12.58, 43.35), (13.45, 43.3), (13.66, 43.43)],
      note="The Allies before Siena (3 July) and Lake Trasimeno, on the Chienti in the Marche")
italy("1944-08-01", [(10.3, 43.68), (10.8, 43.7), (11.25, 43.74), (11.45, 43.77), (11.81, 43.7), (12.14, 43.57),
                     (12.6, 43.6), (13.15, 43.73)],
      note="The Allies on the Arno; Florence is entered on 4 August")
italy("1944-09-01", [(10.3, 43.68), (10.9, 43.85), (11.25, 43.8), (11.6, 43.85), (12.2, 43.85), (12.91, 43.91)],
      note="The assault on the Gothic Line (Operation Olive, from 25 August); Pesaro reached")
italy("1944-10-01", [(10.15, 43.98), (10.5, 44.05), (10.98, 44.15), (11.28, 44.15), (11.5, 44.2),
                     (12.0, 44.05), (12.4, 44.1), (12.42, 44.16)],
      note="The Gothic Line breached; Rimini taken 21 September")
italy("1944-11-01", [(10.15, 43.98), (10.48, 44.07), (10.98, 44.15), (11.3, 44.35), (11.48, 44.3),
                     (11.8, 44.15), (12.04, 44.17), (12.25, 44.22), (12.35, 44.26)],
      note="Ten miles south of Bologna at Livergnano; Cesena taken 20 October")
italy("1944-12-01", [(10.15, 43.98), (10.48, 44.07), (10.98, 44.15), (11.3, 44.35), (11.48, 44.3),
                     (11.88, 44.28), (12.1, 44.3), (12.2, 44.41), (12.3, 44.42)],
      note="Forlì (9 November) taken; Ravenna taken 4 December")
for d, n in (("1945-01-01", "The winter line from the Ligurian coast through the Apennines south of Bologna to the Senio and Lake Comacchio"),
             ("1945-01-12", "The winter line (unchanged)"), ("1945-02-01", "The winter line (unchanged)"),
             ("1945-03-01", "The winter line; Monte Belvedere and Castelnuovo taken west of Vergato (February–March)"),
             ("1945-03-24", "The winter line (unchanged)"), ("1945-04-01", "The winter line, before the spring offensive of 9 April")):
    italy(d, WEST_ITALY_WINTER, n)
italy("1945-04-16", [(9.95, 44.08), (10.5, 44.15), (11.11, 44.28), (11.3, 44.38), (11.65, 44.37),
                     (11.83, 44.61), (12.2, 44.7), (12.25, 44.72)],
      note="The spring offensive: Massa taken 10 April, Imola 14 April, Vergato 15 April; the Argenta Gap attacked")
italy("1945-04-25", [(9.4, 44.27), (10.33, 44.8), (10.8, 45.15), (11.0, 45.4), (11.3, 45.19), (12.0, 45.1),
                     (12.28, 45.22)],
      note="The Allies across the Po; Parma and Mantua taken; the partisan insurrection in Milan and Genoa (25 April)")
italy("1945-05-01", [(9.0, 45.85), (10.85, 45.85), (11.5, 45.9), (12.2, 46.1), (13.23, 46.06), (13.78, 45.65)],
      note="The German forces in Italy surrender at Caserta on 29 April, effective 2 May")


def feature(n: int, line: dict) -> dict:
    parts = [[[round(x, 3), round(y, 3)] for x, y in part] for part in line["parts"]]
    geom = ({"type": "LineString", "coordinates": parts[0]} if len(parts) == 1
            else {"type": "MultiLineString", "coordinates": parts})
    return {"type": "Feature",
            "properties": {"id": f"{line['front']}-{line['date']}", "date": line["date"],
                           "front": line["front"], "certainty": line["certainty"],
                           "sources": line["sources"], "note": line["note"]},
            "geometry": geom}


def main() -> None:
    lines = sorted(LINES, key=lambda l: (l["date"], ["east", "balkans", "west", "italy"].index(l["front"])))
    data = {"type": "FeatureCollection", "features": [feature(i, l) for i, l in enumerate(lines)]}
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # one feature a line: readable diffs, small file
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"').replace('[{"type":"Feature"', '[\n{"type":"Feature"')
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{len(lines)} lines -> {OUT}")


if __name__ == "__main__":
    main()

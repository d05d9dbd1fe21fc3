"""Build ``routes/borders.geojson``: the borders of 1944–45, at the map's scale (tens of km).

Where a border of 1944 is a border of today (Austria, Luxembourg, the outer borders of
Czechoslovakia, the coasts), the shape comes from Natural Earth 1:50m Admin-0 countries (the
npm package world-atlas 2, as for the basemap). The lines that are not borders today -- the
German border of 1937 in Poland and Russia, the annexation lines of 1939 in Poland, the
Protectorate's border with the Sudetenland, Alsace and Moselle, the Vienna Awards -- are
digitised by hand through the border towns named in the comments, then intersected with the
Natural Earth countries so that coasts and the unchanged borders are exact.

    npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz       # -> ./package
    python -m mapgen.data.make_borders package
"""

from __future__ import annotations

import json
import sys

import shapely
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union

from .make_basemap import BBOX, collection, decode_arcs, geometry_polygons, prepare_arcs

OUT = Path(__file__).resolve().parents[2] / "routes" / "borders.geojson"
SIMPLIFY = 0.08  # degrees, about 8 km: the map shows these at zoom 4-7 ("tens of km")

# Hand-digitised (lon, lat) polygons, generous outside the border they draw: they are
# intersected with today's countries, so only the side that is not a border today matters.
# The German-Polish border of 1937, from the coast west of Gdynia (Piaśnica) to Oderberg:
# Bütow and Lauenburg German, Konitz Polish; Schneidemühl German; Meseritz German, Zbąszyń
# Polish; Fraustadt German, Lissa (Leszno) Polish; Namslau and Kreuzburg German; Beuthen,
# Hindenburg, Gleiwitz German, Kattowitz and Königshütte Polish; Ratibor German, Rybnik Polish.
WEST_OF_1937 = [(13.0, 55.5), (18.05, 54.83), (17.7, 54.35), (17.45, 53.95), (17.2, 53.6),
                (17.3, 53.25), (16.75, 53.05), (16.2, 52.85), (15.9, 52.6), (15.8, 52.35),
                (16.05, 52.1), (16.45, 51.8), (16.95, 51.62), (17.55, 51.38), (18.1, 51.2),
                (18.2, 50.95), (18.55, 50.62), (18.8, 50.4), (18.85, 50.28), (18.65, 50.15),
                (18.55, 50.05), (18.35, 49.93), (18.3, 49.5), (13.0, 49.5)]
# East Prussia in 1937: south of it Poland (Soldau / Działdowo Polish, Deutsch Eylau,
# Neidenburg, Johannisburg and Lyck German); the Vistula and the Nogat to the west (the Free
# City of Danzig beyond them). With the Memel territory (annexed March 1939).
EAST_PRUSSIA = [(18.85, 53.65), (19.6, 53.45), (20.15, 53.28), (20.9, 53.35), (21.8, 53.45),
                (22.35, 53.72), (22.8, 54.35), (22.9, 55.0), (22.0, 55.1), (21.3, 55.25),
                (22.1, 55.5), (21.6, 55.95), (21.06, 56.08), (19.0, 56.0), (19.3, 54.35),
                (18.95, 54.0)]
# Danzig-West Prussia (1939): the Free City of Danzig, the Corridor, Bromberg, Thorn, Graudenz
# and the Marienwerder district; south of it the Wartheland (Hohensalza / Inowrocław) and
# Zichenau (Sierpc, Mława).
DANZIG_WEST_PRUSSIA = [(18.05, 54.83), (19.0, 54.95), (19.3, 54.35), (18.95, 54.0), (18.85, 53.65),
                       (19.6, 53.45), (19.5, 53.15), (19.1, 52.95), (18.7, 52.95), (18.2, 52.98),
                       (17.7, 53.05), (17.3, 53.25), (17.2, 53.6), (17.45, 53.95), (17.7, 54.35)]
# Zichenau district (1939, joined to East Prussia): Mława, Ciechanów, Płońsk, Płock, Sierpc,
# Pułtusk, Ostrołęka; its southern border ran north of Warsaw past Nowy Dwór to the Bug.
ZICHENAU = [(19.5, 53.15), (19.6, 53.45), (20.15, 53.28), (20.9, 53.35), (21.8, 53.45),
            (22.0, 53.1), (21.6, 52.75), (21.0, 52.45), (20.4, 52.38), (19.9, 52.4), (19.4, 52.55),
            (19.1, 52.95)]
# Wartheland (1939): Posen, Gnesen, Hohensalza, Leslau (Włocławek), Kutno, Litzmannstadt (Łódź)
# and Wieluń; east of it the General Government (Piotrków, Radomsko, Częstochowa).
WARTHELAND = [(16.05, 52.1), (15.8, 52.35), (15.9, 52.6), (16.2, 52.85), (16.75, 53.05),
              (17.3, 53.25), (17.7, 53.05), (18.2, 52.98), (18.7, 52.95), (19.1, 52.95),
              (19.4, 52.55), (19.9, 52.4), (20.1, 52.15), (19.95, 51.8), (19.55, 51.45),
              (19.25, 51.2), (18.95, 51.05), (18.55, 50.95), (18.2, 50.95), (18.1, 51.2),
              (17.55, 51.38), (16.95, 51.62), (16.45, 51.8)]
# East Upper Silesia (Regierungsbezirk Kattowitz, 1939): Kattowitz, Sosnowitz, Bendsburg,
# Zawiercie, Chrzanów, Auschwitz (Oświęcim), Bielitz and Saybusch (Żywiec); Kraków and Wadowice
# east of it in the General Government.
EAST_UPPER_SILESIA = [(18.55, 50.62), (18.95, 50.75), (19.3, 50.65), (19.6, 50.5), (19.55, 50.25),
                      (19.48, 50.02), (19.4, 49.8), (19.45, 49.55), (19.0, 49.4), (18.6, 49.6),
                      (18.55, 49.9), (18.55, 50.05), (18.65, 50.15), (18.85, 50.28), (18.8, 50.4)]
# Białystok district (Bezirk Bialystok, 1941): under the East Prussian civil administration.
BIALYSTOK = [(22.0, 53.1), (21.8, 53.45), (22.35, 53.72), (22.8, 54.35), (23.5, 54.25), (24.1, 53.9),
             (24.5, 53.4), (24.3, 52.9), (23.6, 52.6), (22.6, 52.4), (22.0, 52.6)]
# The Protectorate of Bohemia and Moravia (1939): Prague, Pilsen, Budweis, Iglau, Brünn,
# Olmütz, Mährisch Ostrau; Terezín inside it. The Sudetenland around it (Eger, Karlsbad,
# Aussig, Reichenberg, Troppau, Znaim, Krumau), annexed in 1938.
PROTECTORATE = [(13.75, 50.45), (14.15, 50.5), (14.5, 50.58), (14.9, 50.52), (15.2, 50.55),
                (15.6, 50.45), (15.95, 50.33), (16.35, 50.08), (16.5, 49.85), (16.75, 49.75),
                (17.0, 49.65), (17.4, 49.7), (17.8, 49.82), (18.12, 49.75), (18.4, 49.75),
                (18.55, 49.6), (18.6, 49.4), (18.2, 49.2), (17.6, 48.9), (17.1, 48.88),
                (16.8, 48.95), (16.5, 49.05), (16.0, 49.1), (15.5, 49.05), (15.0, 49.08),
                (14.6, 49.05), (14.2, 49.1), (13.8, 49.25), (13.45, 49.4), (13.2, 49.6),
                (13.2, 49.8), (13.1, 50.0), (13.3, 50.2)]
# Alsace (Bas-Rhin, Haut-Rhin) and Moselle, under German civil administration from 1940.
ALSACE = [(7.1, 49.1), (8.25, 49.0), (7.6, 47.55), (7.0, 47.45), (6.85, 47.8), (7.1, 48.2),
          (7.05, 48.55), (7.3, 48.75), (7.0, 49.0)]
MOSELLE = [(5.9, 49.55), (6.5, 49.5), (7.1, 49.15), (7.0, 49.0), (7.3, 48.75), (7.05, 48.55),
           (6.9, 48.55), (6.6, 48.75), (6.3, 48.8), (6.05, 48.95), (5.95, 49.3)]
# Lower Styria and Upper Carniola (1941, under German civil administration): Maribor, Celje,
# Kranj; Ljubljana to the Italians (from 1943 the German Adriatic zone), Prekmurje to Hungary.
STYRIA_CARNIOLA = [(13.7, 46.55), (16.0, 46.7), (16.0, 46.2), (15.7, 45.85), (15.2, 45.95),
                   (14.6, 46.05), (14.3, 46.15), (13.7, 46.3)]
PREKMURJE = [(15.95, 46.9), (16.6, 46.9), (16.6, 46.45), (16.0, 46.5)]
# First Vienna Award (1938): the south of Slovakia to Hungary (Košice, Komárno, Lučenec,
# Rimavská Sobota). The line through Bratislava's east, north of Nitra? (no: Nitra Slovak).
SOUTH_SLOVAKIA = [(17.2, 48.0), (17.6, 48.2), (18.1, 48.3), (18.7, 48.35), (19.4, 48.4), (20.2, 48.55),
                  (20.9, 48.65), (21.3, 48.75), (21.8, 48.75), (22.2, 48.6), (22.2, 48.3), (17.2, 47.7)]
# Carpathian Ruthenia (1939, to Hungary): today's Zakarpattia.
RUTHENIA = [(22.1, 49.1), (22.9, 49.1), (24.7, 48.1), (24.0, 47.9), (22.8, 47.9), (22.1, 48.3)]
# Second Vienna Award (1940): northern Transylvania to Hungary (Oradea, Cluj, Târgu Mureș).
NORTH_TRANSYLVANIA = [(21.5, 46.7), (22.5, 46.7), (23.5, 46.55), (24.2, 46.35), (24.9, 46.3),
                      (25.7, 45.8), (26.3, 46.2), (26.1, 47.3), (25.3, 47.9), (22.8, 48.1), (21.5, 47.9)]
# Bačka (1941, to Hungary): between the Danube and the Tisza.
BACKA = [(18.8, 46.2), (20.2, 46.2), (20.2, 45.2), (19.4, 45.2), (18.85, 45.6)]
# Reichskommissariat Ostland: the Baltic states and western Belarus (Generalbezirk
# Weißruthenien, Minsk and Baranavichy). District Galicia (Lemberg) of the General Government.
WEISSRUTHENIEN = [(24.3, 52.9), (24.5, 53.4), (24.1, 53.9), (25.5, 55.7), (28.2, 55.6), (29.3, 54.5),
                  (28.6, 53.2), (26.7, 52.5), (24.6, 52.0)]
GALICIA = [(22.5, 49.9), (23.0, 50.4), (23.6, 50.4), (24.3, 50.3), (25.2, 50.0), (26.2, 49.9),
           (26.4, 48.5), (25.2, 48.0), (24.7, 48.1), (22.9, 49.1), (22.6, 49.3)]
# Moldova and the Romanian-held Ukrainian south (Bukovina, Budjak) with Romania until 1944.

GERMANY_CLAIM_END = "1945-05-08"


def P(points):
    return Polygon(points).buffer(0)


def load_countries(package: Path) -> dict[str, object]:
    topology = json.loads((package / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = prepare_arcs(decode_arcs(topology))
    out = {}
    for g in collection(topology, "countries"):
        name = (g.get("properties") or {}).get("name")
        polys = geometry_polygons(g, arcs)
        if name and polys:
            out[name] = unary_union(polys)
    return out


def build(package: Path) -> dict:
    c = load_countries(package)
    clip = box(*BBOX)
    pl, ru, lt = c["Poland"], c["Russia"], c["Lithuania"]
    cz, sk, hu, ro = c["Czechia"], c["Slovakia"], c["Hungary"], c["Romania"]
    ua, by, si, rs = c["Ukraine"], c["Belarus"], c["Slovenia"], c["Serbia"]
    fr = c["France"]
    east_prussia = (pl.union(ru).union(lt)).intersection(P(EAST_PRUSSIA))
    dwp = pl.intersection(P(DANZIG_WEST_PRUSSIA)).difference(east_prussia)
    zich = pl.intersection(P(ZICHENAU)).difference(east_prussia)
    warthe = pl.intersection(P(WARTHELAND)).difference(dwp)
    eus = pl.intersection(P(EAST_UPPER_SILESIA))
    pl_1937 = pl.intersection(P(WEST_OF_1937)).difference(dwp).difference(eus)
    reich = unary_union([c["Germany"], pl_1937, east_prussia])
    annexed_pl = unary_union([dwp, zich, warthe, eus])
    bialystok = pl.union(by).intersection(P(BIALYSTOK)).difference(annexed_pl).difference(east_prussia)
    gg = unary_union([pl.difference(unary_union([reich, annexed_pl, bialystok])),
                      ua.intersection(P(GALICIA))])
    prot = cz.intersection(P(PROTECTORATE))
    sudeten = cz.difference(prot)
    south_sk = sk.intersection(P(SOUTH_SLOVAKIA))
    ruth = ua.intersection(P(RUTHENIA))
    ntrans = ro.intersection(P(NORTH_TRANSYLVANIA))
    backa = rs.intersection(P(BACKA))
    prek = si.intersection(P(PREKMURJE))
    hungary = unary_union([hu, south_sk, ruth, ntrans, backa, prek])
    ostland = unary_union([c["Estonia"], c["Latvia"], lt.difference(east_prussia),
                           by.intersection(P(WEISSRUTHENIEN)).difference(bialystok)])
    romania = unary_union([ro.difference(ntrans), c["Moldova"]])
    styria = si.intersection(P(STYRIA_CARNIOLA)).difference(prek)

    U = "ushmm-german-administration-1942"
    N = "natural-earth"
    feats = [
        ("greater-german-reich", "Greater German Reich (borders of 1937, with the Memel territory)", "reich", "1939-03-23", GERMANY_CLAIM_END, reich),
        ("austria", "Austria (annexed 1938)", "annexed", "1938-03-13", GERMANY_CLAIM_END, c["Austria"]),
        ("sudetenland", "Sudetenland (annexed 1938)", "annexed", "1938-10-01", GERMANY_CLAIM_END, sudeten),
        ("danzig-west-prussia", "Danzig-West Prussia (annexed 1939)", "annexed", "1939-10-26", GERMANY_CLAIM_END, dwp),
        ("wartheland", "Wartheland (annexed 1939)", "annexed", "1939-10-26", GERMANY_CLAIM_END, warthe),
        ("east-upper-silesia", "East Upper Silesia (annexed 1939)", "annexed", "1939-10-26", GERMANY_CLAIM_END, eus),
        ("zichenau", "Zichenau district (annexed 1939)", "annexed", "1939-10-26", GERMANY_CLAIM_END, zich),
        ("bialystok", "Białystok district (German civil administration)", "occupied-administration", "1941-08-01", GERMANY_CLAIM_END, bialystok),
        ("alsace", "Alsace (annexed in fact 1940)", "annexed", "1940-08-07", GERMANY_CLAIM_END, fr.intersection(P(ALSACE))),
        ("lorraine", "Lorraine (Moselle, annexed in fact 1940)", "annexed", "1940-08-07", GERMANY_CLAIM_END, fr.intersection(P(MOSELLE))),
        ("luxembourg", "Luxembourg (annexed in fact 1942)", "annexed", "1942-08-30", GERMANY_CLAIM_END, c["Luxembourg"]),
        ("lower-styria-upper-carniola", "Lower Styria and Upper Carniola (German civil administration)", "annexed", "1941-04-14", GERMANY_CLAIM_END, styria),
        ("protectorate", "Protectorate of Bohemia and Moravia", "protectorate", "1939-03-16", GERMANY_CLAIM_END, prot),
        ("general-government", "General Government", "occupied-administration", "1939-10-26", GERMANY_CLAIM_END, gg),
        ("ostland", "Reichskommissariat Ostland", "reichskommissariat", "1941-07-25", GERMANY_CLAIM_END, ostland),
        ("hungary", "Hungary (with the territories of 1938–41; occupied by Germany from 19 March 1944)", "allied-state", "1941-04-11", "1945-04-04", hungary),
        ("slovakia", "Slovak State", "allied-state", "1939-03-14", "1945-04-04", sk.difference(south_sk)),
        ("romania", "Romania (allied with Germany until 23 August 1944)", "allied-state", "1940-09-06", "1944-08-23", romania),
        ("romania-1944", "Romania (with the Allies from 23 August 1944)", "state", "1944-08-23", "1945-05-08", romania),
        ("bulgaria", "Bulgaria (allied with Germany until September 1944)", "allied-state", "1941-03-01", "1944-09-08", c["Bulgaria"]),
        ("bulgaria-1944", "Bulgaria (with the Allies from 9 September 1944)", "state", "1944-09-09", "1945-05-08", c["Bulgaria"]),
        ("croatia", "Independent State of Croatia", "allied-state", "1941-04-10", "1945-05-08", unary_union([c["Croatia"], c["Bosnia and Herz."]])),
        ("serbia", "Serbia (German military administration)", "occupied-administration", "1941-04-22", "1944-10-20", rs.difference(backa)),
        ("netherlands", "Reichskommissariat Netherlands", "reichskommissariat", "1940-05-29", "1945-05-05", c["Netherlands"]),
        ("norway", "Reichskommissariat Norway", "reichskommissariat", "1940-04-24", "1945-05-08", c["Norway"]),
        ("belgium", "Belgium (German military, from July 1944 civil administration)", "occupied-administration", "1940-05-28", "1944-09-04", c["Belgium"]),
        ("denmark", "Denmark (occupied)", "occupied-administration", "1940-04-09", "1945-05-05", c["Denmark"]),
        ("france", "France (occupied; Vichy State)", "occupied-administration", "1940-06-22", "1944-08-25", fr.difference(P(ALSACE)).difference(P(MOSELLE))),
        ("italy", "Italian Social Republic (German-occupied Italy)", "allied-state", "1943-09-23", "1945-04-29", c["Italy"]),
        ("finland", "Finland (allied with Germany until September 1944)", "allied-state", "1941-06-25", "1944-09-19", c["Finland"]),
        ("switzerland", "Switzerland", "neutral", "1939-09-01", "1945-05-08", c["Switzerland"]),
        ("sweden", "Sweden", "neutral", "1939-09-01", "1945-05-08", c["Sweden"]),
    ]
    out = []
    for fid, name, status, start, end, geom in feats:
        geom = geom.intersection(clip).simplify(SIMPLIFY, preserve_topology=True).buffer(0)
        # On the output grid (3 decimals) and valid there: rounding alone can cross a ring.
        geom = shapely.set_precision(geom, 0.001)
        polys = [p for p in (geom.geoms if hasattr(geom, "geoms") else [geom])
                 if isinstance(p, Polygon) and p.area > 0.04]
        if not polys:
            continue
        geom = MultiPolygon(polys) if len(polys) > 1 else polys[0]
        g = mapping(geom)
        g = json.loads(json.dumps(g))

        def rnd(x):
            if isinstance(x[0], (int, float)):
                return [round(x[0], 3), round(x[1], 3)]
            return [rnd(y) for y in x]

        g["coordinates"] = rnd(g["coordinates"])
        srcs = [U, N] if status not in ("neutral",) else [N]
        if fid in ("romania-1944", "bulgaria-1944", "finland", "romania", "bulgaria", "hungary", "slovakia", "italy", "croatia", "serbia"):
            srcs = [U, "cmh-ziemke-stalingrad-berlin", N]
        out.append({"type": "Feature", "properties": {"id": fid, "name": name, "status": status,
                                                      "valid_from": start, "valid_to": end, "sources": srcs},
                    "geometry": g})
    return {"type": "FeatureCollection", "features": out}


def main(argv=None) -> int:
    argv = argv or sys.argv[1:]
    data = build(Path(argv[0]))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"').replace('[{"type":"Feature"', '[\n{"type":"Feature"')
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{len(data['features'])} borders -> {OUT} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Converts Natural Earth's 110m country shapes (world-atlas 2.0.2, TopoJSON) into the compact form the hub embeds.

Run once, from this folder, when the shapes change: `python3 convert.py > countries-110m.paths`.

Each output line is `ISO 3166-1 numeric id <TAB> name <TAB> SVG path`. The path is projected with the Equal Earth
projection into a 1000 x 487 box, rounded to 0.1 px. Shapes without an id (disputed areas such as Kosovo or
Somaliland, which world-atlas leaves unnumbered) and Antarctica are left out. No dependency beyond Python 3.
"""

import json
import math
import sys

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
WIDTH = 1000.0


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


# The projection's extent: x in [-X, X] at the equator's ends, y in [-Y, Y] at the poles.
X_MAX, _ = equal_earth(180, 0)
_, Y_MAX = equal_earth(0, 90)
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round(2 * Y_MAX * SCALE)


def decode_arcs(topology):
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrapped(points):
    """The ring's longitudes made continuous, so that a shape across the antimeridian (Fiji, Chukotka) is not drawn
    across the whole map: its far side runs past the edge of the box, where the SVG clips it."""
    out = []
    for lon, lat in points:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while out[-1][0] - lon > 180:
                lon += 360
        out.append((lon, lat))
    return out


def path(rings):
    parts = []
    for points in rings:
        last = None
        commands = []
        for lon, lat in unwrapped(points):
            x, y = equal_earth(lon, lat)
            px, py = round((x + X_MAX) * SCALE, 1), round((Y_MAX - y) * SCALE, 1)
            if (px, py) == last:
                continue
            commands.append(f"{'M' if last is None else 'L'}{px:g},{py:g}")
            last = (px, py)
        if len(commands) > 2:
            parts.append("".join(commands) + "Z")
    return "".join(parts)


def main():
    with open("countries-110m.json", encoding="utf-8") as source:
        topology = json.load(source)
    arcs = decode_arcs(topology)
    print(f"# Natural Earth 110m countries (public domain) via world-atlas 2.0.2; Equal Earth, 1000x{HEIGHT}")
    for geometry in topology["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        if number is None or number == "010":
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        print(f"{int(number)}\t{geometry['properties']['name']}\t{path(rings)}")


if __name__ == "__main__":
    sys.exit(main())

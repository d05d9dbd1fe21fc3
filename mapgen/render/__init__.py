"""Stage 4: the folium map. One module per map element; their JS/CSS live in static/."""

/*
 * sr_map.h - the world map of the situation report: the country shapes of
 * Natural Earth (npm package world-atlas, countries-110m.json) as SVG path
 * data in the equirectangular projection x = lon + 180, y = 90 - lat
 * (viewBox "0 0 360 180"), compiled into the library at build time by
 * tools/topo2svg.c (build/gen/map_data.c).
 */
#ifndef SR_MAP_H
#define SR_MAP_H

#include <stddef.h>

typedef struct sr_map_country {
    const char *numeric; /* ISO 3166-1 numeric as in world-atlas, "" none */
    const char *alpha2;  /* ISO 3166-1 alpha-2 ("IQ"), "" unknown */
    const char *name;    /* Natural Earth's short name, UTF-8 */
    const char *path;    /* SVG path data */
} sr_map_country;

/* The countries in world-atlas order. */
extern const sr_map_country sr_map_countries[];
extern const size_t sr_map_ncountries;

#endif

//! GeoJSON (RFC 7946): the regions and parks that have coordinates, as Point features with
//! their id, names and kind, for map tools (QGIS, kepler.gl, geojson.io).

use super::{to_json, Exporter, Output};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use serde_json::json;

/// The `geojson` exporter.
pub struct GeoJson;

impl Exporter for GeoJson {
    fn name(&self) -> &'static str {
        "geojson"
    }
    fn extension(&self) -> &'static str {
        "geojson"
    }
    fn export(&self, graph: &KnowledgeGraph) -> Result<Output> {
        let features: Vec<_> = graph
            .nodes()
            .filter_map(|n| {
                let [lon, lat] = n.record.coords?;
                let r = &n.record;
                Some(json!({
                    "type": "Feature",
                    "id": r.id,
                    "geometry": { "type": "Point", "coordinates": [lon, lat] },
                    "properties": {
                        "id": r.id,
                        "name": r.name,
                        "en": r.en,
                        "kind": r.kind,
                        "aliases": r.aliases,
                        "level": r.level,
                        "code": r.code,
                        "mentions": n.mentions.len(),
                        "coordinates_reference": r.reference,
                    },
                }))
            })
            .collect();
        let data = json!({ "type": "FeatureCollection", "features": features });
        to_json("geojson", &data).map(Output::File)
    }
}

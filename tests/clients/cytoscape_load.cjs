// Load jjj's Cytoscape JSON with the cytoscape npm package (headless) and its D3 JSON with
// d3-force (forceLink().id(d => d.id) throws on an unknown id), and print what they read.
// Usage: node cytoscape_load.cjs GRAPH.cyjs GRAPH.d3.json
"use strict";
const fs = require("fs");
const cytoscape = require("cytoscape");
const d3 = require("d3-force");

const cyjs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, elements: cyjs.elements });
const entities = cy.nodes().filter((n) => n.data("kind") !== "box");
const kinds = {};
entities.forEach((n) => { kinds[n.data("kind")] = (kinds[n.data("kind")] || 0) + 1; });
const xiongan = cy.getElementById("region/xiongan");

const d3json = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const sim = d3.forceSimulation(d3json.nodes)
  .force("link", d3.forceLink(d3json.links).id((d) => d.id))
  .stop();
sim.tick(5);
const resolved = d3json.links.filter((l) => typeof l.source === "object" && typeof l.target === "object").length;

console.log(JSON.stringify({
  cytoscape: {
    nodes: entities.length,
    boxes: cy.nodes().length - entities.length,
    edges: cy.edges().length,
    kinds,
    xiongan_parent: xiongan.parent().data("label") || null,
    xiongan_grandparent: xiongan.parent().parent().data("label") || null,
    labelled: entities.filter((n) => !!n.data("label")).length,
    format_version: cyjs.format_version,
  },
  d3: { nodes: d3json.nodes.length, links: d3json.links.length, resolved },
}));

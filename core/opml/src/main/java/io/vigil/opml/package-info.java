/**
 * OPML subscription lists: {@link io.vigil.opml.OpmlDocument} reads the feeds of a list (nested folders become
 * categories) and writes a list of feeds as OPML 2.0. Plain Java and jsoup, no Vigil types, so the host and any plugin
 * may use it.
 */
package io.vigil.opml;

import * as CDX from '@cyclonedx/cyclonedx-library';
import type { Package } from '../catalog/package.js';
import { isSpdxExpression } from '../core/spdx-license.js';
import type { SbomReporter } from './sbom-formats.js';
import { sbomTimestamp } from './sbom-formats.js';

/** CycloneDX 1.6 JSON, built and serialised with the official @cyclonedx/cyclonedx-library. */
export const sbomCycloneDxReporter: SbomReporter = {
  id: 'cyclonedx',
  render(sbom, tool) {
    const bom = new CDX.Models.Bom();
    bom.metadata.timestamp = new Date(sbomTimestamp());
    bom.metadata.tools.components.add(
      new CDX.Models.Component(CDX.Enums.ComponentType.Application, tool.name, { version: tool.version }),
    );
    const digest = sbom.source.indexDigest ?? sbom.source.manifestDigest;
    bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Container, sbom.target, {
      bomRef: 'drydock:target',
      ...(digest ? { version: digest } : {}),
    });
    if (sbom.distro) {
      bom.components.add(
        new CDX.Models.Component(CDX.Enums.ComponentType.OperatingSystem, sbom.distro.id, {
          bomRef: `drydock:os:${sbom.distro.id}`,
          ...(sbom.distro.versionId ? { version: sbom.distro.versionId } : {}),
          ...(sbom.distro.prettyName ? { description: sbom.distro.prettyName } : {}),
        }),
      );
    }
    const refs = new Set<string>();
    for (const p of sbom.packages) {
      let ref = p.purl;
      for (let n = 2; refs.has(ref); n++) ref = `${p.purl}#${n}`;
      refs.add(ref);
      bom.components.add(component(p, ref));
    }
    const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
    return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
  },
};

function component(p: Package, bomRef: string): CDX.Models.Component {
  const c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, p.name, {
    version: p.version,
    bomRef,
    purl: p.purl,
  });
  for (const license of p.metadata.licenses ?? []) c.licenses.add(toLicense(license));
  const props: [string, string | undefined][] = [
    ['drydock:package:type', p.type],
    ['drydock:package:foundBy', p.foundBy],
    ['drydock:package:sourceName', p.metadata.sourceName],
    ['drydock:package:sourceVersion', p.metadata.sourceVersion],
    ['drydock:package:arch', p.metadata.arch],
    ['drydock:package:epoch', p.metadata.epoch === undefined ? undefined : String(p.metadata.epoch)],
  ];
  for (const loc of p.locations) {
    props.push(['drydock:location:path', loc.path]);
    if (loc.layer) props.push(['drydock:location:layer', loc.layer]);
  }
  for (const [name, value] of props) if (value !== undefined) c.properties.add(new CDX.Models.Property(name, value));
  return c;
}

/** An SPDX id or expression becomes an expression; anything else a named license. */
function toLicense(text: string): CDX.Models.License {
  if (CDX.SPDX.isSupportedSpdxId(text)) return new CDX.Models.SpdxLicense(text);
  if (/\s(AND|OR|WITH)\s/.test(text) && isSpdxExpression(text)) return new CDX.Models.LicenseExpression(text);
  return new CDX.Models.NamedLicense(text);
}

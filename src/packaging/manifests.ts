/**
 * The descriptors an LMS imports: imsmanifest.xml for SCORM 1.2 and for SCORM 2004 4th edition,
 * cmi5.xml for cmi5. One SCO / AU per package, launching index.html. The mastery score is stated
 * where each standard reads it (1.2 `adlcp:masteryscore`, 2004 the primary objective's
 * `minNormalizedMeasure`, cmi5 the AU's `masteryScore`), so the LMS hands it back to the runtime.
 */

export interface DescriptorInput {
  /** XML ID-safe identifier (letters, digits, dashes, dots, underscores; starts with a letter). */
  identifier: string;
  title: string;
  description: string;
  /** Mastery score in percent. */
  mastery: number;
  /** Minutes; 0 for none. */
  timeLimit: number;
  /** Files of the SCO, relative to the package root. */
  files: string[];
  /** IRI prefix for cmi5 course and AU ids (the site's URL). */
  iriBase: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An identifier XML (xs:ID) accepts, from any text. */
export function xmlIdentifier(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `id-${cleaned}`;
}

const SCO = 'index.html';

function fileList(files: string[]): string {
  return files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n');
}

/** SCORM 1.2 time limit: HHHH:MM:SS. */
function scorm12Limit(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
}

export function scorm12Manifest(input: DescriptorInput): string {
  const id = xmlIdentifier(input.identifier);
  const title = escapeXml(input.title);
  const limit =
    input.timeLimit > 0
      ? `\n        <adlcp:maxtimeallowed>${scorm12Limit(input.timeLimit)}</adlcp:maxtimeallowed>\n        <adlcp:timelimitaction>exit,message</adlcp:timelimitaction>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>${limit}
        <adlcp:masteryscore>${input.mastery}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${SCO}">
${fileList(input.files)}
    </resource>
  </resources>
</manifest>
`;
}

export function scorm2004Manifest(input: DescriptorInput): string {
  const id = xmlIdentifier(input.identifier);
  const title = escapeXml(input.title);
  const limit = input.timeLimit > 0 ? `\n          <imsss:limitConditions attemptAbsoluteDurationLimit="PT${input.timeLimit}M"/>` : '';
  const timeAction = input.timeLimit > 0 ? '\n        <adlcp:timeLimitAction>exit,message</adlcp:timeLimitAction>' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco">
        <title>${title}</title>${timeAction}
        <imsss:sequencing>${limit}
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${id}-mastery" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${(input.mastery / 100).toFixed(2)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormType="sco" href="${SCO}">
${fileList(input.files)}
    </resource>
  </resources>
</manifest>
`;
}

/** The cmi5 course structure: one course, one AU; moveOn needs both completion and a pass. */
export function cmi5CourseStructure(input: DescriptorInput): string {
  const base = input.iriBase.replace(/\/+$/, '');
  const id = encodeURIComponent(input.identifier);
  const lang = (text: string) => `<langstring lang="en-US">${escapeXml(text)}</langstring>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escapeXml(`${base}/xapi/course/${id}`)}">
    <title>${lang(input.title)}</title>
    <description>${lang(input.description)}</description>
  </course>
  <au id="${escapeXml(`${base}/xapi/au/${id}`)}" moveOn="CompletedAndPassed" masteryScore="${(input.mastery / 100).toFixed(2)}" launchMethod="AnyWindow">
    <title>${lang(input.title)}</title>
    <description>${lang(input.description)}</description>
    <url>${SCO}</url>
  </au>
</courseStructure>
`;
}

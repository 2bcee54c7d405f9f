/** One row of seeds/local-authorities.csv: an English local authority with children's services. */
export interface AuthorityDirectoryEntry {
  ofstedUrn: string;
  dfeLaCode: string;
  /** ONS area code, e.g. "E09000031"; the `authorityCode` of a report draft. */
  onsCode: string;
  /** The ONS name, e.g. "Waltham Forest", "Bristol, City of". */
  name: string;
  /** Other names the authority is known by, e.g. ["Kingston Upon Hull", "Hull"]. */
  alsoKnownAs: string[];
  region: string;
  authorityType: string | null;
}

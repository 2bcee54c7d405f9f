/** One page of a longer list, with where it starts and how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

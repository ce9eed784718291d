// Search box, ショップ filter and sort order above the list.
import type { Shop, SortDir } from "../bindings";

type Props = {
  searchText: string;
  onSearchText: (v: string) => void;
  shops: Shop[];
  shopId: number | null;
  onShopId: (id: number | null) => void;
  sort: SortDir;
  onSort: (s: SortDir) => void;
  /** The list is sorted by another column (a header click): the select says so. */
  sortedByColumn?: boolean;
};

export function OrderFilters(p: Props) {
  return (
    <div className="order-filters">
      <input
        type="search"
        className="search-input"
        data-testid="search-input"
        aria-label="注文を検索"
        placeholder="注文番号・購入者名・お届け先名・電話番号・伝票番号"
        value={p.searchText}
        onChange={(e) => p.onSearchText(e.target.value)}
      />
      <label className="field-inline">
        {/* Hidden (still read out) in a narrow window: すべてのショップ says it already. */}
        <span className="wide-only">ショップ</span>
        <select
          data-testid="shop-filter"
          value={p.shopId ?? ""}
          onChange={(e) => p.onShopId(e.target.value === "" ? null : Number(e.target.value))}
        >
          <option value="">すべてのショップ</option>
          {p.shops.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>注文日</span>
        <select
          data-testid="sort-select"
          value={p.sortedByColumn ? "column" : p.sort}
          onChange={(e) => p.onSort(e.target.value as SortDir)}
        >
          {p.sortedByColumn && (
            <option value="column" disabled>
              列見出しで並べ替え中
            </option>
          )}
          <option value="desc">新しい順</option>
          <option value="asc">古い順</option>
        </select>
      </label>
    </div>
  );
}

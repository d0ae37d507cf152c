/** The product's name as the top bar and the sign-in page show it. */
export const PRODUCT_NAME = 'certlab';
export const PRODUCT_SUBTITLE = 'admin center';

export function ProductName({ as: Tag = 'span' }: { as?: 'span' | 'h1' }) {
  return (
    <Tag className="product-name">
      <span className="product-name__mark" aria-hidden="true" />
      <span className="product-name__name">{PRODUCT_NAME}</span>
      <span className="product-name__subtitle">{PRODUCT_SUBTITLE}</span>
    </Tag>
  );
}

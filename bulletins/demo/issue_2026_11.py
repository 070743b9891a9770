"""Demo issue for November 2026 (draft, being edited). Invented content in the bulletin style."""

from .registry import cite

ISSUE = {
    "year": 2026,
    "month": 11,
    "status": "draft",
    "published_at": None,
    "sections": [
        {
            "level": 1,
            "heading": (
                "Kỷ niệm 96 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - "
                "18/11/2026) và Ngày hội Đại đoàn kết toàn dân tộc"
            ),
            "body": """
<p>Ngày 18/11/1930, Ban Thường vụ Trung ương Đảng ra chỉ thị thành lập Hội Phản đế đồng minh - hình
thức đầu tiên của Mặt trận dân tộc thống nhất Việt Nam. Trải qua các thời kỳ cách mạng, với nhiều
tên gọi khác nhau, Mặt trận luôn là nơi tập hợp, phát huy sức mạnh khối đại đoàn kết toàn dân tộc,
góp phần to lớn vào thắng lợi của sự nghiệp giải phóng dân tộc, thống nhất đất nước, xây dựng và
bảo vệ Tổ quốc. Ngày 18/11 hằng năm được chọn là Ngày hội Đại đoàn kết toàn dân tộc ở khu dân
cư.</p>
<p>Trên địa bàn thành phố Cao Bằng, Ủy ban MTTQ Việt Nam thành phố và các tổ chức thành viên đã
phát huy tốt vai trò nòng cốt trong tập hợp, đoàn kết các tầng lớp Nhân dân. Các cuộc vận động,
phong trào thi đua được triển khai sâu rộng; Quỹ “Vì người nghèo” được Nhân dân, doanh nghiệp hưởng
ứng tích cực, hỗ trợ xây mới, sửa chữa nhiều nhà ở cho hộ nghèo, hộ có hoàn cảnh khó khăn. Hoạt
động giám sát và phản biện xã hội ngày càng thực chất, góp phần xây dựng Đảng, chính quyền trong
sạch, vững mạnh.</p>
<p>Năm 2026, Ngày hội Đại đoàn kết toàn dân tộc được tổ chức ở tất cả các tổ dân phố, xóm với phần
lễ ngắn gọn, trang trọng và phần hội phong phú, gắn với tôn vinh các gia đình văn hóa tiêu biểu,
biểu dương người tốt, việc tốt. Các chi bộ lãnh đạo ban công tác Mặt trận ở khu dân cư chuẩn bị chu
đáo nội dung, tránh phô trương, hình thức; vận động Nhân dân tham gia đông đủ, tạo không khí vui
tươi, đoàn kết.</p>
""",
        },
        {
            "level": 1,
            "heading": cite("ctr15_tu"),
            "presents": "ctr15_tu",
            "body": """
<p>Nhằm tiếp tục phát huy sức mạnh của khối đại đoàn kết toàn dân tộc trong xây dựng đô thị văn
minh, ngày 20/10/2026, Ban Thường vụ Thành ủy ban hành Chương trình số 15-CTr/TU về thực hiện Cuộc
vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” giai đoạn 2026 - 2030.</p>
<p><em>(Ban Biên tập đang hoàn thiện phần tóm tắt nội dung Chương trình.)</em></p>
""",
        },
        {
            "level": 2,
            "heading": "Mục tiêu",
            "body": """
<p>Đến năm 2030, 100% tổ dân phố, xóm đạt danh hiệu văn hóa; 95% hộ gia đình đạt danh hiệu “Gia
đình văn hóa”; mỗi phường, xã có ít nhất hai tuyến phố, tuyến đường “sáng - xanh - sạch - đẹp” do
Nhân dân tự quản; không còn hộ nghèo ở nhà tạm, nhà dột nát.</p>
""",
        },
        {
            "level": 2,
            "heading": "Nhiệm vụ chủ yếu",
            "body": """
<ul>
<li>Đổi mới nội dung, phương thức tuyên truyền, vận động; phát huy vai trò của người có uy tín
trong đồng bào các dân tộc.</li>
<li>Xây dựng nếp sống văn minh đô thị, thực hiện văn minh trong việc cưới, việc tang và lễ
hội.</li>
<li>Nâng cao chất lượng hoạt động giám sát của Mặt trận và Nhân dân đối với cán bộ, đảng viên ở khu
dân cư.</li>
</ul>
""",
        },
        {
            "level": 1,
            "heading": "Tin hoạt động của Thành phố",
        },
        {
            "level": 2,
            "heading": "Hội nghị giao ban công tác dân vận quý III năm 2026",
            "event": "giao_ban_dan_van",
            "body": """
<p>Ngày 14/10/2026, Ban Dân vận Thành ủy tổ chức Hội nghị giao ban công tác dân vận quý III, triển
khai nhiệm vụ quý IV năm 2026. Đồng chí Hà Thị Nguyệt, Ủy viên BTV Thành ủy, Trưởng Ban Dân vận
Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố chủ trì Hội nghị; dự có đồng chí Hoàng Văn Thạch,
Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố.</p>
<p>Tại Hội nghị, đồng chí Vi Văn Sơn, Bí thư Đảng ủy phường Sông Hiến chia sẻ kinh nghiệm giải
quyết các kiến nghị của Nhân dân sau buổi đối thoại với Bí thư Thành ủy. Phát biểu chỉ đạo, đồng
chí Hoàng Văn Thạch đề nghị các cơ quan tiếp tục nhân rộng mô hình “Dân vận khéo”, chuẩn bị tốt
Ngày hội Đại đoàn kết toàn dân tộc năm 2026.</p>
""",
        },
        {
            "level": 2,
            "heading": "Kiểm tra việc thực hiện Quy định số 27-QĐ/TU tại Đảng ủy xã Chu Trinh",
            "event": "kiem_tra_qd27_chu_trinh",
            "cites": ["qd27_tu_2026"],
            "body": """
<p>Ngày 21/10/2026, Đoàn kiểm tra của Ban Thường vụ Thành ủy do đồng chí Triệu Đức Minh, Ủy viên
BTV Thành ủy, Chủ nhiệm Ủy ban Kiểm tra Thành ủy làm Trưởng đoàn đã kiểm tra việc thực hiện Quy
định số 27-QĐ/TU về sinh hoạt chi bộ tại Đảng ủy xã Chu Trinh. Đồng chí Đinh Thị Phượng, Bí thư
Đảng ủy xã báo cáo kết quả thực hiện.</p>
<p>Đoàn đánh giá các chi bộ của xã đã duy trì sinh hoạt định kỳ, bước đầu tổ chức sinh hoạt chuyên
đề theo quý; đề nghị Đảng ủy xã chú trọng ghi biên bản đầy đủ, nâng cao chất lượng nghị quyết chi
bộ.</p>
""",
        },
        {
            "level": 2,
            "heading": "Ngày hội Đại đoàn kết toàn dân tộc điểm tại Tổ dân phố 1, phường Hợp Giang",
            "event": "ngay_hoi_dai_doan_ket",
            "body": """
<p>Sáng 25/10/2026, Ủy ban MTTQ Việt Nam thành phố tổ chức Ngày hội Đại đoàn kết toàn dân tộc điểm
của thành phố tại Tổ dân phố 1, phường Hợp Giang. Đồng chí Nông Thị Thanh Vân, Ủy viên BTV Tỉnh ủy,
Bí thư Thành ủy dự và chung vui cùng Nhân dân. Đồng chí Lý Thị Duyên, Bí thư Chi bộ Tổ dân phố 1
báo cáo kết quả thực hiện Cuộc vận động ở khu dân cư; đồng chí Hà Thị Nguyệt, Chủ tịch Ủy ban MTTQ
Việt Nam thành phố phát biểu, trao tặng quà cho các hộ có hoàn cảnh khó khăn.</p>
<p><em>(Ảnh đang được bổ sung.)</em></p>
""",
        },
    ],
}
